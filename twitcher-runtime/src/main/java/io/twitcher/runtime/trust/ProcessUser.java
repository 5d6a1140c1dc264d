package io.twitcher.runtime.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who this process runs as, read from {@code /proc/self} (owned by the effective user). */
public final class ProcessUser {
    private ProcessUser() {}

    /** The effective uid, or -1 when {@code /proc} cannot tell. */
    public static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    public static boolean isRoot() {
        return uid() == 0;
    }
}
