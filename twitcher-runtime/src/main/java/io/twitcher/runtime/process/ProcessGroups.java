package io.twitcher.runtime.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who is left in a process group after its leader was reaped. Orphans are reparented to init, which may be slow to
 * reap them (or, in a container, never does), so zombies do not count; {@code kill(-pgid, 0)} answers first and
 * /proc is read only when it says the group still exists.
 */
final class ProcessGroups {
    private static final Path PROC = Path.of("/proc");

    private ProcessGroups() {
    }

    /** The number of processes in group {@code pgid} that are not zombies. */
    static int liveMembers(long pgid) {
        if (!Posix.get().groupAlive(pgid)) {
            return 0;
        }
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, ProcessGroups::isPid)) {
            for (Path entry : entries) {
                if (inGroupAndLive(entry.resolve("stat"), pgid)) {
                    count++;
                }
            }
        } catch (IOException e) {
            return 1; // cannot tell: the group exists, so count it as not empty
        }
        return count;
    }

    private static boolean isPid(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean inGroupAndLive(Path stat, long pgid) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return false; // exited while we looked
        }
        // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses, so parse after the last ')'
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ", 4);
        return !fields[0].equals("Z") && Long.parseLong(fields[2]) == pgid;
    }
}
