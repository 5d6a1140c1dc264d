package io.twitcher.runtime.config;

import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.StartupException;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code twitcher check} does: loads a config directory or file with the plugins it would run with, without
 * ZooKeeper, and reports each file's watches or its error.
 */
public final class ConfigChecker {

    /** One file's outcome: its watches, or the error ({@code file:line: reason}). */
    public record FileReport(Path file, String displayName, List<WatchDefinition> watches, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private ConfigChecker() {
    }

    /**
     * Checks {@code path} (a directory, read recursively, or one file).
     *
     * @param pluginsDir plugin archives to load, or {@code null} for classpath extensions only
     * @throws StartupException when plugins conflict or the path does not exist
     */
    public static List<FileReport> check(Path path, Path pluginsDir) throws StartupException {
        throw new UnsupportedOperationException("not written yet");
    }
}
