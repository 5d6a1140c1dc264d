package io.twitcher.runtime.plugin;

import io.twitcher.api.Action;
import io.twitcher.api.ActionSpec;
import io.twitcher.api.ActionType;
import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigLoader;
import io.twitcher.api.Extensions;
import io.twitcher.runtime.lifecycle.StartupException;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pf4j.ExtensionPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every config loader, action type and callback the daemon can use: the extensions of the plugins in the plugins
 * directory (through PF4J, each plugin in its own class loader) and those on the daemon's classpath (through
 * ServiceLoader). A plugin that cannot load or start is reported in one line and skipped; two extensions claiming
 * one suffix or one action name stop the start-up with a sentence naming both.
 */
public final class PluginRegistry implements Extensions, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final PluginSet plugins;
    private final Map<String, ConfigLoader> loaders;
    private final Map<String, ActionType> actionTypes;

    private PluginRegistry(PluginSet plugins, Map<String, ConfigLoader> loaders, Map<String, ActionType> actionTypes) {
        this.plugins = plugins;
        this.loaders = loaders;
        this.actionTypes = actionTypes;
    }

    /**
     * Loads the plugins in {@code pluginsDir} (none when {@code null} or missing) and the classpath's extensions.
     *
     * @throws StartupException when two extensions claim one suffix or action type name
     */
    public static PluginRegistry load(Path pluginsDir) throws StartupException {
        if (pluginsDir != null && !Files.isDirectory(pluginsDir)) {
            LOG.warn("Plugins directory {} does not exist; using the plugins on the class path only", pluginsDir);
            pluginsDir = null;
        }
        PluginSet plugins = PluginSet.load(pluginsDir);
        try {
            Map<String, ConfigLoader> loaders = new TreeMap<>();
            Map<String, String> loaderSources = new LinkedHashMap<>();
            for (PluginSet.Found<ConfigLoader> found : plugins.find(ConfigLoader.class)) {
                for (String suffix : found.extension().suffixes()) {
                    claim(loaders, loaderSources, suffix, found, "the suffix " + suffix);
                }
            }
            Map<String, ActionType> types = new TreeMap<>();
            Map<String, String> typeSources = new LinkedHashMap<>();
            for (PluginSet.Found<ActionType> found : plugins.find(ActionType.class)) {
                claim(types, typeSources, found.extension().name(), found, "the action type " + found.extension().name());
            }
            LOG.info("Config languages: {}; action types: {}", describe(loaderSources), describe(typeSources));
            return new PluginRegistry(plugins, Collections.unmodifiableMap(loaders), Collections.unmodifiableMap(types));
        } catch (RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    private static <T> void claim(Map<String, T> claims, Map<String, String> sources, String key,
                                  PluginSet.Found<T> found, String what) throws StartupException {
        T before = claims.putIfAbsent(key, found.extension());
        if (before != null) {
            throw new StartupException("Two plugins claim " + what + ": " + sources.get(key) + " and "
                    + found.source() + "; remove one of them from the plugins directory");
        }
        sources.put(key, found.source());
    }

    private static String describe(Map<String, String> sources) {
        List<String> parts = new ArrayList<>();
        sources.forEach((k, v) -> parts.add(k + " (" + v + ")"));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** The claimed suffixes, each with its dot. */
    public java.util.Set<String> suffixes() {
        return loaders.keySet();
    }

    /** The loader for {@code fileName} (the longest claimed suffix it ends with), if any. */
    public Optional<ConfigLoader> loaderFor(String fileName) {
        ConfigLoader best = null;
        int bestLength = 0;
        for (Map.Entry<String, ConfigLoader> e : loaders.entrySet()) {
            if (fileName.endsWith(e.getKey()) && e.getKey().length() > bestLength) {
                best = e.getValue();
                bestLength = e.getKey().length();
            }
        }
        return Optional.ofNullable(best);
    }

    /** The action type names available. */
    public java.util.Set<String> actionTypes() {
        return actionTypes.keySet();
    }

    /**
     * Builds the action a spec describes.
     *
     * @throws ConfigException without a location (the caller adds it) when the type is unknown or rejects the params
     */
    public Action resolve(ActionSpec spec) throws ConfigException {
        if (spec.isInline()) {
            return spec.inline();
        }
        ActionType type = actionTypes.get(spec.type());
        if (type == null) {
            throw new ConfigException("unknown action type '" + spec.type() + "'; available: "
                    + String.join(", ", actionTypes.keySet()));
        }
        try {
            return type.create(spec.params(), this);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new ConfigException(spec.type() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()), e);
        }
    }

    @Override
    public <T extends ExtensionPoint> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        plugins.find(type).forEach(f -> out.add(f.extension()));
        return out;
    }

    /** Closes every loader (frees interpreters), then stops and unloads the plugins. */
    @Override
    public void close() {
        for (ConfigLoader loader : loaders.values()) {
            closeBounded(loader, java.time.Duration.ofSeconds(5));
        }
        plugins.close();
    }

    /**
     * Closes {@code loader}, waiting at most {@code limit}: a loader whose evaluation got stuck (a config file that
     * never ends) may never let go of its lock, and must not keep the daemon from stopping.
     */
    public static void closeBounded(ConfigLoader loader, java.time.Duration limit) {
        Thread closer = io.twitcher.runtime.lifecycle.NamedThreads.single("twitcher-loader-close").newThread(() -> {
            try {
                loader.close();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Closing config loader {} failed: {}", loader.getClass().getName(), e.toString());
            }
        });
        closer.start();
        try {
            closer.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("Config loader {} did not close within {} s (a config evaluation is stuck); left behind",
                    loader.getClass().getName(), limit.toSeconds());
        }
    }
}
