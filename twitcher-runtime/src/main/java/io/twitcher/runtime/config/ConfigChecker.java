package io.twitcher.runtime.config;

import io.twitcher.runtime.watch.ResolvedWatch;
import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import io.twitcher.runtime.lifecycle.StartupException;
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
        ConfigScanner.requireExisting(path);
        try (PluginRegistry plugins = PluginRegistry.load(pluginsDir)) {
            FileLoader loader = new FileLoader(plugins);
            List<FileReport> reports = new ArrayList<>();
            for (Path file : ConfigScanner.scan(path, loader::claims)) {
                String name = ConfigScanner.displayName(path, file);
                try {
                    List<WatchDefinition> watches = new ArrayList<>();
                    for (ResolvedWatch w : loader.load(new ConfigFile(file, name, Files.readAllBytes(file)))) {
                        watches.add(w.definition());
                    }
                    reports.add(new FileReport(file, name, watches, null));
                } catch (ConfigException e) {
                    reports.add(new FileReport(file, name, List.of(), e.getMessage()));
                } catch (IOException e) {
                    reports.add(new FileReport(file, name, List.of(), name + ": cannot read: " + e.getMessage()));
                }
            }
            return reports;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new StartupException("Cannot read config path " + path + ": " + e.getMessage(), e);
        }
    }
}
