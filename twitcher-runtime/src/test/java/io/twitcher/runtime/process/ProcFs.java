package io.twitcher.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What /proc says about processes: how the tests check that children are reaped and groups are empty. */
final class ProcFs {
    private ProcFs() {}

    /** No /proc entry: exited and reaped. */
    static boolean gone(long pid) {
        return !Files.exists(Path.of("/proc", String.valueOf(pid)));
    }

    /** Exited; an orphaned grandchild is reaped by init in its own time, so a zombie counts as dead. */
    static boolean deadOrZombie(long pid) {
        try {
            return state(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")))[0].equals("Z");
        } catch (IOException e) {
            return true;
        }
    }

    /** The pids of processes in group {@code pgid} that are not zombies. */
    static List<Long> liveMembers(long pgid) throws IOException {
        List<Long> members = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .toList()) {
                String[] fields;
                try {
                    fields = state(Files.readString(entry.resolve("stat")));
                } catch (IOException e) {
                    continue; // exited while we looked
                }
                if (!fields[0].equals("Z") && Long.parseLong(fields[2]) == pgid) {
                    members.add(Long.parseLong(entry.getFileName().toString()));
                }
            }
        }
        return members;
    }

    /** The pid written to {@code file} by a shell ({@code echo $! > file}). */
    static long readPid(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).trim());
    }

    static boolean hasContent(Path file) {
        try {
            return Files.exists(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The fields of /proc/PID/stat after the command name: state, ppid, pgrp, session, ... */
    private static String[] state(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
