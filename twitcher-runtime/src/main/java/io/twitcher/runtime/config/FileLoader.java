package io.twitcher.runtime.config;

import io.twitcher.api.Action;
import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.ConfigLoader;
import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.lifecycle.NamedThreads;
import io.twitcher.runtime.plugin.PluginRegistry;
import io.twitcher.runtime.trust.TrustRule;
import io.twitcher.runtime.watch.ResolvedWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one config file into ready watches: the loader that claims its suffix evaluates it, then every action is
 * built by its action type. Any failure rejects the whole file with {@code file:line: reason}. An evaluation that
 * does not end within the load timeout ({@code while True: pass}) rejects its file; the thread stuck in it is
 * abandoned with its loader, and that suffix's later files get a fresh loader (a fresh interpreter), so that one
 * file never blocks the others.
 */
public final class FileLoader implements java.io.Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(FileLoader.class);

    private final PluginRegistry plugins;
    private final Duration loadTimeout;
    /** The most evaluations left stuck (each holds a thread that cannot be stopped) before loads are refused. */
    public static final int MAX_STUCK = 8;

    private final int maxStuck;
    /** Evaluations abandoned after the load timeout that have not ended yet: each holds one thread. */
    private final AtomicInteger stuck = new AtomicInteger();
    // Loads run one at a time (on the reload thread): one evaluation at work plus those stuck, never more.
    private final ExecutorService evaluators;
    /** Loaders abandoned with a stuck evaluation, and the fresh instance used in their place. */
    private final Map<ConfigLoader, ConfigLoader> replacements = new ConcurrentHashMap<>();

    /** A loader with the default load timeout ({@link #DEFAULT_LOAD_TIMEOUT}). */
    public FileLoader(PluginRegistry plugins) {
        this(plugins, DEFAULT_LOAD_TIMEOUT);
    }

    public FileLoader(PluginRegistry plugins, Duration loadTimeout) {
        this(plugins, loadTimeout, MAX_STUCK);
    }

    /** @param maxStuck how many stuck evaluations (threads) are tolerated before every further load is refused */
    FileLoader(PluginRegistry plugins, Duration loadTimeout, int maxStuck) {
        this.plugins = plugins;
        this.loadTimeout = loadTimeout;
        this.maxStuck = maxStuck;
        this.evaluators = new ThreadPoolExecutor(
                0,
                maxStuck + 1,
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                NamedThreads.numbered("twitcher-config-eval"));
    }

    /** How long one file's evaluation may take by default. */
    public static final Duration DEFAULT_LOAD_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Lets each loader that has files under {@code root} start its interpreter on {@code executor} now, ahead of the
     * first load (see {@link ConfigLoader#prepare(List)}); the files are read there, those {@code trust} refuses left
     * out.
     */
    public void prepareFor(Path root, TrustRule trust, Executor executor) {
        try {
            Map<ConfigLoader, List<Path>> byLoader = new LinkedHashMap<>();
            for (Path f : ConfigScanner.scan(root, this::claims)) {
                byLoader.computeIfAbsent(
                                plugins.loaderFor(f.getFileName().toString()).orElseThrow(), l -> new ArrayList<>())
                        .add(f);
            }
            byLoader.forEach((loader, files) -> executor.execute(() -> {
                try {
                    loader.prepare(looksAtFiles(loader) ? read(root, trust, files) : List.of());
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn(
                            "{} could not get ready ahead of its first load ({}); the load will tell",
                            loader.getClass().getSimpleName(),
                            e.toString());
                }
            }));
        } catch (IOException | RuntimeException e) {
            // the scan proper reports an unreadable config path
        }
    }

    /** Whether the loader looks at the files it is prepared for: if not, they are not read twice. */
    private static boolean looksAtFiles(ConfigLoader loader) {
        try {
            return loader.getClass().getMethod("prepare", List.class).getDeclaringClass() != ConfigLoader.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static List<ConfigFile> read(Path root, TrustRule trust, List<Path> files) {
        List<ConfigFile> out = new ArrayList<>();
        for (Path f : files) {
            try {
                if (trust.problem(root, f).isEmpty()) {
                    out.add(new ConfigFile(f, ConfigScanner.displayName(root, f), Files.readAllBytes(f)));
                }
            } catch (IOException | RuntimeException e) {
                // the load reports it
            }
        }
        return out;
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
        ConfigLoader claimed = plugins.loaderFor(file.path().getFileName().toString())
                .orElseThrow(() -> ConfigException.at(file.displayName(), 0, "no config loader claims this file"));
        ConfigLoader loader = replacements.getOrDefault(claimed, claimed);
        List<WatchDefinition> definitions;
        if (stuck.get() >= maxStuck) {
            throw ConfigException.at(
                    file.displayName(),
                    0,
                    "not loaded: " + stuck.get() + " earlier config evaluations never finished and each holds a"
                            + " thread; fix those files (see the 'did not finish' lines) and restart the daemon");
        }
        // Set once by whichever comes first: the evaluation's end, or its abandonment at the timeout.
        AtomicBoolean settled = new AtomicBoolean();
        Future<List<WatchDefinition>> evaluation;
        try {
            evaluation = evaluators.submit(() -> {
                try {
                    return loader.load(file);
                } finally {
                    if (!settled.compareAndSet(false, true)) {
                        stuck.decrementAndGet(); // abandoned, and it ended after all: its thread is free again
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw ConfigException.at(file.displayName(), 0, "not loaded: every config evaluation thread is busy");
        }
        try {
            definitions = evaluation.get(loadTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException c) {
                throw c.at(file.displayName());
            }
            if (cause instanceof RuntimeException
                    || cause instanceof StackOverflowError
                    || cause instanceof LinkageError) {
                throw ConfigException.at(
                        file.displayName(), 0, "the " + loader.getClass().getSimpleName() + " failed: " + cause);
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            if (settled.compareAndSet(false, true)) {
                stuck.incrementAndGet();
            }
            evaluation.cancel(true);
            abandon(claimed, loader);
            throw ConfigException.at(
                    file.displayName(), 0, "evaluation did not finish within " + seconds(loadTimeout) + " s");
        } catch (InterruptedException e) {
            evaluation.cancel(true);
            Thread.currentThread().interrupt();
            throw ConfigException.at(file.displayName(), 0, "loading was interrupted (the daemon is stopping)");
        }
        List<ResolvedWatch> out = new ArrayList<>(definitions.size());
        SharedValues shared = new SharedValues();
        for (WatchDefinition loaded : definitions) {
            String where = loaded.origin() != null ? loaded.origin() : file.displayName();
            WatchDefinition d = shared.share(loaded);
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

    /** The thread evaluating for {@code stuck} may never return (and may hold its locks): use a fresh instance. */
    private void abandon(ConfigLoader claimed, ConfigLoader stuck) {
        try {
            ConfigLoader fresh = stuck.getClass().getDeclaredConstructor().newInstance();
            // Its interpreter starts now, so that the next file's time limit is spent on evaluating that file.
            fresh.prepare();
            replacements.put(claimed, fresh);
            LOG.warn(
                    "A config evaluation is stuck in {}; later files with its suffix use a fresh one",
                    stuck.getClass().getSimpleName());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warn(
                    "Cannot start a fresh {} ({}); later files with its suffix may wait for the stuck evaluation",
                    stuck.getClass().getSimpleName(),
                    e.toString());
        }
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }

    /** Stops the evaluation threads and closes the fresh loaders it made (never waiting for a stuck one). */
    @Override
    public void close() {
        evaluators.shutdownNow();
        replacements.values().forEach(l -> PluginRegistry.closeBounded(l, Duration.ofSeconds(5)));
    }
}
