package io.twitcher.runtime.config;

import io.twitcher.runtime.watch.ResolvedWatch;
import io.twitcher.api.Action;
import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.ConfigLoader;
import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Turns one config file into ready watches: the loader that claims its suffix evaluates it, then every action is
 * built by its action type. Any failure rejects the whole file with {@code file:line: reason}.
 */
public final class FileLoader {
    private final PluginRegistry plugins;

    public FileLoader(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    /**
     * Lets each loader that has files under {@code root} start its interpreter on {@code executor} now, ahead of the
     * first load (see {@link ConfigLoader#prepare()}).
     */
    public void prepareFor(Path root, Executor executor) {
        try {
            ConfigScanner.scan(root, this::claims).stream()
                    .map(f -> plugins.loaderFor(f.getFileName().toString()).orElseThrow())
                    .distinct()
                    .forEach(loader -> executor.execute(loader::prepare));
        } catch (IOException | RuntimeException e) {
            // the scan proper reports an unreadable config path
        }
    }

    /** Whether some loader claims this file name. */
    public boolean claims(String fileName) {
        return plugins.loaderFor(fileName).isPresent();
    }

    /**
     * Loads the file.
     *
     * @throws ConfigException located at the file (and line, where known)
     */
    public List<ResolvedWatch> load(ConfigFile file) throws ConfigException {
        ConfigLoader loader = plugins.loaderFor(file.path().getFileName().toString())
                .orElseThrow(() -> ConfigException.at(file.displayName(), 0, "no config loader claims this file"));
        List<WatchDefinition> definitions;
        try {
            definitions = loader.load(file);
        } catch (ConfigException e) {
            throw e.at(file.displayName());
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            throw ConfigException.at(file.displayName(), 0, "the " + loader.getClass().getSimpleName()
                    + " failed: " + e);
        }
        List<ResolvedWatch> out = new ArrayList<>(definitions.size());
        for (WatchDefinition d : definitions) {
            String where = d.origin() != null ? d.origin() : file.displayName();
            try {
                Action action = plugins.resolve(d.action());
                if ((d.user() != null || d.group() != null) && !action.runsProcess()) {
                    throw new ConfigException("uid and gid apply only to actions that run a process (exec), not to"
                            + " action type '" + d.action().type() + "'");
                }
                out.add(new ResolvedWatch(d, action));
            } catch (ConfigException e) {
                throw e.at(where);
            }
        }
        return out;
    }
}
