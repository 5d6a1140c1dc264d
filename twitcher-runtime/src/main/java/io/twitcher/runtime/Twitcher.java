package io.twitcher.runtime;

import io.twitcher.runtime.config.ConfigDirectory;
import io.twitcher.runtime.config.FileLoader;
import io.twitcher.runtime.plugin.PluginRegistry;
import io.twitcher.runtime.process.ProcessSupervisor;
import io.twitcher.runtime.watch.NodeWatches;
import io.twitcher.runtime.watch.WatchTable;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon as one object: plugins, the ZooKeeper connection, the config directory with its reload, the watches
 * and their running actions. {@link #start()} once, {@link #close()} once (idempotent and quiet).
 */
public final class Twitcher implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Twitcher.class);

    private enum State { LATENT, STARTED, CLOSED }

    private final Settings settings;
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private PluginRegistry plugins;
    private CuratorFramework client;
    private volatile NodeWatches nodes;
    private ProcessSupervisor supervisor;
    private ExecutorService workers;
    private ScheduledExecutorService timers;
    private WatchTable table;
    private ConfigDirectory configDirectory;

    private Twitcher(Settings settings) {
        this.settings = settings;
    }

    /** A builder with the CLI's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings this daemon runs with. */
    public Settings settings() {
        return settings;
    }

    /**
     * Loads plugins, connects to ZooKeeper (without waiting: watches arm when the connection is up), loads every
     * config file and starts watching the config directory.
     *
     * @throws IllegalStateException when already started
     * @throws StartupException      when the daemon cannot run (two plugins claim one suffix, the config directory
     *                               is not a directory); its message is one sentence
     */
    public void start() throws StartupException {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("Already started");
        }
        if (!Files.exists(settings.configPath())) {
            state.set(State.CLOSED);
            throw new StartupException("Config path " + settings.configPath() + " does not exist");
        }
        CompletableFuture<CuratorFramework> clientReady = null;
        try {
            workers = Executors.newCachedThreadPool(named("twitcher-worker"));
            timers = Executors.newSingleThreadScheduledExecutor(named("twitcher-timer"));
            int connectMs = (int) Math.min(settings.sessionTimeout().toMillis(), 5000);
            supervisor = new ProcessSupervisor();
            // The ZooKeeper client's set-up (TLS defaults) takes a few hundred milliseconds: it happens while the
            // plugins load, and interpreters for the config files start (prepare) while it connects.
            clientReady = CompletableFuture.supplyAsync(() -> startClient(connectMs), workers);
            plugins = PluginRegistry.load(settings.pluginsDir());
            FileLoader fileLoader = new FileLoader(plugins);
            fileLoader.prepareFor(settings.configPath(), workers);
            client = join(clientReady);
            table = new WatchTable(nodes, supervisor, workers, timers, settings.parallelCap());
            // start() waits, bounded, until every watch is armed, so that a change made once it returned is
            // seen as a change. An unreachable ZooKeeper only delays the arming, never the start.
            configDirectory = new ConfigDirectory(settings.configPath(), fileLoader, table::apply);
            configDirectory.start();
            if (!client.blockUntilConnected(connectMs, TimeUnit.MILLISECONDS)
                    || !nodes.awaitArmed(Duration.ofMillis(connectMs))) {
                LOG.warn("ZooKeeper at {} is not reachable yet; watches arm when it is", settings.zkServers());
            }
            LOG.info("Twitcher started: {} watch(es) on {} node(s)", table.size(), nodes.size());
        } catch (StartupException e) {
            closeAfterFailure(clientReady);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(clientReady);
            throw new StartupException("Cannot start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAfterFailure(clientReady);
            throw new StartupException("Interrupted while starting", e);
        }
    }

    private CuratorFramework startClient(int connectMs) {
        CuratorFramework c = CuratorFrameworkFactory.builder()
                .connectString(settings.zkServers())
                .sessionTimeoutMs((int) settings.sessionTimeout().toMillis())
                .connectionTimeoutMs(connectMs)
                .retryPolicy(new ExponentialBackoffRetry(100, 3, 1000))
                // Use the servers the operator listed; the tracker would rewrite the list (and lose a chroot).
                .ensembleTracker(false)
                .build();
        nodes = new NodeWatches(c); // listens for the first connection, so before start()
        c.start();
        return c;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Whatever the background set-up created is closed too, so a failed start leaves nothing running. */
    private void closeAfterFailure(CompletableFuture<CuratorFramework> clientReady) {
        if (clientReady != null && client == null) {
            client = clientReady.exceptionally(e -> null).join();
        }
        close();
    }

    /** Rescans the whole config directory now (what SIGHUP does). Returns at once; the rescan runs on the reload thread. */
    public void reload() {
        ConfigDirectory dir = configDirectory;
        if (state.get() == State.STARTED && dir != null) {
            LOG.info("Rescanning {}", settings.configPath());
            dir.rescan();
        }
    }

    /** The number of watches in force (for tests and status). */
    public int watchCount() {
        return table == null ? 0 : table.size();
    }

    /** The number of ZooKeeper watches (distinct path and type) those watches share. */
    public int zkWatchCount() {
        return nodes == null ? 0 : nodes.size();
    }

    /** Stops watching, terminates every running action's process group (SIGKILL after the grace period), closes plugins. */
    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) {
            return;
        }
        LOG.info("Twitcher stopping");
        quietly(configDirectory, ConfigDirectory::close);
        quietly(table, WatchTable::stopAll);
        quietly(nodes, NodeWatches::close);
        quietly(client, CuratorFramework::close);
        quietly(supervisor, s -> {
            s.terminateAll(settings.shutdownGrace());
            s.close();
        });
        quietly(workers, w -> {
            w.shutdownNow(); // interrupts in-process actions
            try {
                if (!w.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Some in-process actions did not stop within {} s", settings.shutdownGrace().toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        quietly(timers, ExecutorService::shutdownNow);
        quietly(plugins, PluginRegistry::close);
        LOG.info("Twitcher stopped");
    }

    private static <T> void quietly(T resource, java.util.function.Consumer<T> closer) {
        if (resource != null) {
            try {
                closer.accept(resource);
            } catch (RuntimeException e) {
                LOG.warn("Error while stopping: {}", e.toString());
            }
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * What the daemon runs with.
     *
     * @param zkServers      ZooKeeper connect string, {@code host[:port][,host[:port]...][/chroot]}
     * @param sessionTimeout ZooKeeper session timeout
     * @param configPath     the config directory (or a single file)
     * @param pluginsDir     where plugin archives are, or {@code null} for classpath extensions only
     * @param parallelCap    the most concurrent runs of one PARALLEL watch
     * @param shutdownGrace  how long running actions get after SIGTERM at shutdown before SIGKILL
     */
    public record Settings(String zkServers, Duration sessionTimeout, Path configPath, Path pluginsDir,
                           int parallelCap, Duration shutdownGrace) {
        public Settings {
            Objects.requireNonNull(zkServers, "zkServers");
            Objects.requireNonNull(sessionTimeout, "sessionTimeout");
            Objects.requireNonNull(configPath, "configPath");
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            if (parallelCap < 1) {
                throw new IllegalArgumentException("parallelCap must be at least 1");
            }
        }
    }

    /** Builds a {@link Twitcher}. */
    public static final class Builder {
        private String zkServers = "localhost:2181";
        private Duration sessionTimeout = Duration.ofSeconds(10);
        private Path configPath = Path.of("/etc/twitcher");
        private Path pluginsDir;
        private int parallelCap = 16;
        private Duration shutdownGrace = Duration.ofSeconds(10);

        private Builder() {
        }

        public Builder zkServers(String connectString) {
            this.zkServers = connectString;
            return this;
        }

        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = timeout;
            return this;
        }

        public Builder configPath(Path path) {
            this.configPath = path;
            return this;
        }

        public Builder pluginsDir(Path dir) {
            this.pluginsDir = dir;
            return this;
        }

        public Builder parallelCap(int cap) {
            this.parallelCap = cap;
            return this;
        }

        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        public Twitcher build() {
            return new Twitcher(new Settings(zkServers, sessionTimeout, configPath, pluginsDir, parallelCap,
                    shutdownGrace));
        }
    }
}
