package io.twitcher.runtime.plugin;

import io.twitcher.runtime.trust.TrustRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginRepository;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PF4J plugin manager plus the classpath, as one source of extensions. Extension instances are created once
 * per class and cached, so a loader's interpreter or a callback's state is shared by everyone who asks.
 */
final class PluginSet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginSet.class);
    /** The API version plugins are checked against (their Plugin-Requires). */
    static final String API_VERSION = "1.0.0";
    /** More plugin directories, colon-separated, loaded beside the plugins directory (the admin's own plugins,
     * /usr/local/lib/twitcher/plugins, set by the launcher); those that do not exist are skipped. */
    static final String EXTRA_DIRS_PROPERTY = "twitcher.plugins.extra_dirs";

    /** An extension and where it came from ("plugin config-jython 1.0.0" or "classpath"). */
    record Found<T>(T extension, String source) {}

    private final PluginManager manager;
    private final PluginSources sources;
    private final List<String> problems;
    private final Map<Class<?>, List<Found<?>>> cache = new ConcurrentHashMap<>();

    private PluginSet(PluginManager manager, PluginSources sources, List<String> problems) {
        this.manager = manager;
        this.sources = sources;
        this.problems = problems;
    }

    static PluginSet load(Path pluginsDir, TrustRule trust, Path stateDir) {
        if (pluginsDir == null) {
            return new PluginSet(null, null, List.of());
        }
        List<Path> roots = new ArrayList<>(List.of(pluginsDir));
        for (String extra : System.getProperty(EXTRA_DIRS_PROPERTY, "").split(":")) {
            if (!extra.isBlank() && Files.isDirectory(Path.of(extra))) {
                roots.add(Path.of(extra));
            }
        }
        // PF4J's own finder reads each plugin's META-INF/extensions.idx (benchmarks/README.md: as fast as a
        // finder of our own reading META-INF/services, which stay for ServiceLoader on a plain classpath).
        PluginSources sources = new PluginSources(roots, trust, stateDir);
        PluginManager manager = new DefaultPluginManager(roots) {
            @Override
            protected PluginRepository createPluginRepository() {
                return sources;
            }

            @Override
            protected PluginLoader createPluginLoader() {
                return new CompoundPluginLoader().add(new JarPluginLoader(this)).add(new PluginDirectoryLoader(this));
            }
        };
        manager.setSystemVersion(API_VERSION);
        try {
            manager.loadPlugins();
            manager.startPlugins();
        } catch (RuntimeException e) {
            sources.close();
            throw e;
        }
        return new PluginSet(manager, sources, reportSkipped(manager, sources));
    }

    /** One line per archive that did not become a started plugin, and why; the lines, for {@code check}. */
    private static List<String> reportSkipped(PluginManager manager, PluginSources sources) {
        List<String> problems = new ArrayList<>();
        for (String refused : sources.problems().values()) {
            LOG.warn(refused);
            problems.add(refused);
        }
        Set<Path> loaded = new HashSet<>();
        for (PluginWrapper p : manager.getPlugins()) {
            loaded.add(sources.origin(p.getPluginPath()).toAbsolutePath().normalize());
            if (p.getPluginState() != PluginState.STARTED) {
                String why = p.getFailedException() != null
                        ? String.valueOf(p.getFailedException().getMessage())
                        : p.getPluginState() == PluginState.DISABLED
                                        && !p.getDescriptor().getRequires().isBlank()
                                ? "it requires Twitcher API "
                                        + p.getDescriptor().getRequires() + " and this is " + API_VERSION
                                : "state " + p.getPluginState();
                String line = "Plugin " + p.getPluginId() + " ("
                        + sources.origin(p.getPluginPath()).getFileName() + ") skipped: " + why;
                LOG.warn(line);
                problems.add(line);
            } else {
                LOG.info(
                        "Plugin {} {} started ({})",
                        p.getPluginId(),
                        p.getDescriptor().getVersion(),
                        sources.origin(p.getPluginPath()).getFileName());
            }
        }
        for (Path f : sources.getPluginPaths()) {
            Path origin = sources.origin(f);
            if (!loaded.contains(origin.toAbsolutePath().normalize())) {
                String line =
                        "Plugin archive " + origin.getFileName() + " skipped: it is not a valid plugin (unreadable"
                                + " archive or no plugin.properties/manifest descriptor)";
                LOG.warn(line);
                problems.add(line);
            }
        }
        return List.copyOf(problems);
    }

    /** One line per plugin that was refused, could not be unpacked, or did not start. */
    List<String> problems() {
        return problems;
    }

    /** Every extension of {@code type}: started plugins' first, then the classpath's; each class once. */
    @SuppressWarnings("unchecked")
    <T> List<Found<T>> find(Class<T> type) {
        return (List<Found<T>>) (List<?>) cache.computeIfAbsent(type, t -> List.copyOf(discover(type)));
    }

    private <T> List<Found<?>> discover(Class<T> type) {
        List<Found<?>> out = new ArrayList<>();
        Set<String> classes = new HashSet<>();
        if (manager != null) {
            for (PluginWrapper p : manager.getStartedPlugins()) {
                try {
                    for (T ext : manager.getExtensions(type, p.getPluginId())) {
                        if (classes.add(ext.getClass().getName())) {
                            out.add(new Found<>(
                                    ext,
                                    "plugin " + p.getPluginId() + " "
                                            + p.getDescriptor().getVersion()));
                        }
                    }
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn(
                            "Plugin {} skipped: its {} extensions cannot be created: {}",
                            p.getPluginId(),
                            type.getSimpleName(),
                            e.toString());
                }
            }
        }
        ServiceLoader<T> loader = ServiceLoader.load(type, PluginSet.class.getClassLoader());
        var it = loader.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                T ext = it.next();
                if (classes.add(ext.getClass().getName())) {
                    out.add(new Found<>(ext, "classpath"));
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.warn("A {} on the class path was skipped: {}", type.getSimpleName(), e.getMessage());
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (manager != null) {
            try {
                manager.stopPlugins();
                manager.unloadPlugins();
            } catch (RuntimeException e) {
                LOG.warn("Stopping plugins failed: {}", e.toString());
            }
        }
        if (sources != null) {
            sources.close();
        }
    }
}
