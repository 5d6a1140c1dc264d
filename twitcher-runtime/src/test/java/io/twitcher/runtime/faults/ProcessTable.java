package io.twitcher.runtime.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What /proc says about this JVM and its children: zombies, the live members of a process group, and the
 * descriptors and threads the daemon owns, for invariant 4.
 */
final class ProcessTable {
    private static final long SELF = ProcessHandle.current().pid();

    private ProcessTable() {}

    /** Zombie children of this JVM (exited, never reaped). */
    static List<Long> zombies() {
        return scan((pid, f) -> f[0].equals("Z") && Long.parseLong(f[1]) == SELF);
    }

    /** The processes (not zombies) of any of these process groups. */
    static List<Long> liveMembers(Set<Long> pgids) {
        return scan((pid, f) -> !f[0].equals("Z") && pgids.contains(Long.parseLong(f[2])));
    }

    /** SIGKILL to what is left of these groups: the suite leaves nothing running whatever it found. */
    static void killGroups(Set<Long> pgids) {
        for (long pid : liveMembers(pgids)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * The descriptors the daemon can leak: pipes (action I/O), inotify and eventfd/epoll instances. Sockets and
     * files are left out because the in-JVM ZooKeeper servers open and close them as the faults restart them.
     */
    static int daemonDescriptors() {
        int n = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed while we looked (or the listing's own descriptor)
                }
                if (target.startsWith("pipe:") || target.startsWith("anon_inode:inotify")) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return n;
    }

    /**
     * The daemon's threads: named by {@code NamedThreads} ({@code twitcher-...}), and the ZooKeeper client threads
     * its workers create (named after the creating thread).
     */
    static int daemonThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains("twitcher-"))
                .count();
    }

    private interface StatFilter {
        boolean test(long pid, String[] fields);
    }

    /** Processes whose stat fields after the command name (state, ppid, pgrp, ...) pass the filter. */
    private static List<Long> scan(StatFilter filter) {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .toList()) {
                String stat;
                try {
                    stat = Files.readString(entry.resolve("stat"));
                } catch (IOException e) {
                    continue; // exited while we looked
                }
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long pid = Long.parseLong(entry.getFileName().toString());
                if (filter.test(pid, fields)) {
                    found.add(pid);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
    }
}
