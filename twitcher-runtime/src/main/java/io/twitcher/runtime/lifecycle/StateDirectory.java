package io.twitcher.runtime.lifecycle;

import java.nio.file.Path;

/**
 * Where the daemon keeps its state by default ({@code --state_dir}): {@code /var/lib/twitcher}, or the system property
 * {@code twitcher.state.dir} (the build sets it for the tests, so that a test run as root never writes there).
 */
public final class StateDirectory {
    /** The system property that moves the default. */
    public static final String PROPERTY = "twitcher.state.dir";

    private StateDirectory() {}

    /** The default state directory. */
    public static Path defaultPath() {
        return Path.of(System.getProperty(PROPERTY, "/var/lib/twitcher"));
    }
}
