package io.twitcher.runtime.config;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.lifecycle.StartupException;
import io.twitcher.runtime.plugin.PluginRegistry;
import io.twitcher.runtime.trust.TrustRule;
import io.twitcher.runtime.watch.ResolvedWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code twitcher check} does: loads a config directory or file with the plugins it would run with, without
 * ZooKeeper, and reports each file's watches or its error, and each plugin that could not be used.
 */
public final class ConfigChecker {

    /** One file's outcome: its watches, or the error ({@code file:line: reason}). */
    public record FileReport(Path file, String displayName, List<WatchDefinition> watches, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Every file's outcome, and one line per plugin that was refused or failed. */
    public record Outcome(List<FileReport> files, List<String> pluginProblems) {}

    private ConfigChecker() {}

    /**
     * Checks {@code path} (a directory, read recursively, or one file).
     *
     * @param pluginsDir plugin archives to load, or {@code null} for classpath extensions only
     * @throws StartupException when plugins conflict or the path does not exist
     */
    public static List<FileReport> check(Path path, Path pluginsDir) throws StartupException {
        return check(path, pluginsDir, TrustRule.relaxed()).files();
    }

    /**
     * As {@link #check(Path, Path)}, applying {@code trust} to the files and plugins as the daemon does; a file named
     * as {@code path} that no loader claims is reported as an error, as are files that would be left unloaded for
     * want of their language's plugin.
     */
    public static Outcome check(Path path, Path pluginsDir, TrustRule trust) throws StartupException {
        ConfigScanner.requireExisting(path);
        try (PluginRegistry plugins = PluginRegistry.load(pluginsDir, trust)) {
            FileLoader loader = new FileLoader(plugins);
            List<FileReport> reports = new ArrayList<>();
            for (Path file : ConfigScanner.scan(
                    path,
                    name -> loader.claims(name) || ConfigScanner.isConfigName(name) || Files.isRegularFile(path))) {
                String name = ConfigScanner.displayName(path, file);
                reports.add(report(path, file, name, loader, trust));
            }
            return new Outcome(reports, plugins.problems());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new StartupException("Cannot read config path " + path + ": " + e.getMessage(), e);
        }
    }

    private static FileReport report(Path root, Path file, String name, FileLoader loader, TrustRule trust) {
        if (!loader.claims(file.getFileName().toString())) {
            return new FileReport(file, name, List.of(), name + ": " + ConfigScanner.unclaimed(file));
        }
        Optional<String> untrusted = trust.problem(root, file);
        if (untrusted.isPresent()) {
            return new FileReport(file, name, List.of(), name + ": " + untrusted.get());
        }
        try {
            List<WatchDefinition> watches = new ArrayList<>();
            for (ResolvedWatch w : loader.load(new ConfigFile(file, name, Files.readAllBytes(file)))) {
                watches.add(w.definition());
            }
            return new FileReport(file, name, watches, null);
        } catch (ConfigException e) {
            return new FileReport(file, name, List.of(), e.getMessage());
        } catch (IOException e) {
            return new FileReport(file, name, List.of(), name + ": cannot read: " + e.getMessage());
        }
    }
}
