package io.twitcher.runtime.daemon;

import io.twitcher.runtime.config.ConfigDirectory;
import io.twitcher.runtime.config.ConfigScanner;
import io.twitcher.runtime.config.FileLoader;
import io.twitcher.runtime.control.ControlSocket;
import io.twitcher.runtime.fleet.FleetContext;
import io.twitcher.runtime.fleet.StateDir;
import io.twitcher.runtime.lifecycle.Lifecycle;
import io.twitcher.runtime.lifecycle.NamedThreads;
import io.twitcher.runtime.lifecycle.StartupException;
import io.twitcher.runtime.metrics.HttpEndpoint;
import io.twitcher.runtime.plugin.PluginRegistry;
import io.twitcher.runtime.process.ProcessSupervisor;
import io.twitcher.runtime.status.DaemonStatus;
import io.twitcher.runtime.trust.TrustRule;
import io.twitcher.runtime.watch.NodeWatches;
import io.twitcher.runtime.watch.WatchTable;
import io.twitcher.runtime.zk.ZkClients;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon as one object: plugins, the ZooKeeper connection, the config directory with its reload, the watches
 * and their running actions. {@link #start()} once, {@link #close()} once (idempotent and quiet); {@link #close()}
 * stops them in the reverse order of the data's path (config, watches, ZooKeeper, actions, plugins).
 */
public final class Twitcher implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Twitcher.class);

    /** The most runs (and in-process actions) executing at once, across all watches, at the default --max_running. */
    public static final int MAX_WORKERS = 128;

    private final DaemonSettings settings;
    private final Lifecycle lifecycle = new Lifecycle("Twitcher");
    private PluginRegistry plugins;
    private CuratorFramework client;
    private volatile NodeWatches nodes;
    private ProcessSupervisor supervisor;
    private ExecutorService workers;
    private ScheduledExecutorService timers;
    private WatchTable table;
    private ConfigDirectory configDirectory;
    private FileLoader fileLoader;
    private final DaemonStatus status = new DaemonStatus();
    private HttpEndpoint http;
    private ControlSocket control;

    public Twitcher(DaemonSettings settings) {
        this.settings = settings;
    }

    /** The settings this daemon runs with. */
    public DaemonSettings settings() {
        return settings;
    }

    /**
     * Loads plugins, connects to ZooKeeper (without waiting: watches arm when the connection is up), loads every
     * config file and starts watching the config directory.
     *
     * @throws IllegalStateException when already started
     * @throws StartupException      when the daemon cannot run (two plugins claim one suffix, the config path does
     *                               not exist); its message is one sentence
     */
    public void start() {
        lifecycle.start();
        CompletableFuture<CuratorFramework> clientReady = null;
        try {
            ConfigScanner.requireExisting(settings.configPath());
            workers = Startup.boundedWorkers(Math.max(MAX_WORKERS, 2 * settings.maxRunning()));
            timers = Executors.newSingleThreadScheduledExecutor(NamedThreads.numbered("twitcher-timer"));
            Duration connect = settings.sessionTimeout().compareTo(Duration.ofSeconds(5)) < 0
                    ? settings.sessionTimeout()
                    : Duration.ofSeconds(5);
            supervisor = new ProcessSupervisor(ProcessSupervisor.DEFAULT_KILL_DELAY, settings.maxRunning());
            // The ZooKeeper client's set-up (TLS defaults) takes a few hundred milliseconds: it happens while the
            // plugins load, and interpreters for the config files start (prepare) while it connects.
            clientReady = CompletableFuture.supplyAsync(() -> startClient(connect), workers);
            TrustRule trust = TrustRule.forThisProcess(settings.allowInsecureConfigs());
            if (settings.allowInsecureConfigs()) {
                LOG.warn("--allow_insecure_configs: config files and plugins are loaded whoever owns or may write"
                        + " them; for development only");
            }
            plugins = PluginRegistry.load(settings.pluginsDir(), trust, settings.stateDir());
            fileLoader = new FileLoader(plugins, settings.loadTimeout());
            Startup.requireLoaders(settings.configPath(), fileLoader);
            fileLoader.prepareFor(settings.configPath(), trust, workers);
            client = join(clientReady);
            if (settings.httpPort() >= 0) {
                http = HttpEndpoint.start(settings.httpBind(), settings.httpPort(), status);
            }
            if (settings.controlSocket() != null) {
                try {
                    control = ControlSocket.start(settings.controlSocket(), status);
                } catch (StartupException e) {
                    if (!settings.controlSocket().equals(ControlSocket.defaultPath())) {
                        throw e;
                    }
                    // Only the default: a second daemon on this machine (a test, a demo) runs without one.
                    LOG.warn("No control socket: {}", e.getMessage());
                }
            }
            stopIfClosed();
            table = new WatchTable(
                    nodes,
                    supervisor,
                    workers,
                    timers,
                    settings.parallelCap(),
                    new FleetContext(client, timers, new StateDir(settings.stateDir()), status));
            // start() waits, bounded, until every watch is armed, so that a change made once it returned is
            // seen as a change. An unreachable ZooKeeper only delays the arming, never the start.
            configDirectory =
                    new ConfigDirectory(settings.configPath(), fileLoader, new StatusReporting(table, status), trust);
            stopIfClosed();
            configDirectory.start();
            stopIfClosed();
            status.configScanned();
            if (!client.blockUntilConnected((int) connect.toMillis(), TimeUnit.MILLISECONDS)
                    || !nodes.awaitArmed(connect)) {
                LOG.warn("ZooKeeper at {} is not reachable yet; watches arm when it is", settings.zkServers());
            }
            stopIfClosed();
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

    private CuratorFramework startClient(Duration connect) {
        CuratorFramework c =
                ZkClients.daemonClient(settings.zkServers(), settings.sessionTimeout(), connect, settings.zkSecurity());
        // listens for the first connection, so before start()
        nodes = new NodeWatches(c, io.twitcher.runtime.logging.ZooKeeperChatter::failedAttempts);
        c.getConnectionStateListenable()
                .addListener((cf, state) -> status.connection(state.name(), state.isConnected()));
        c.start();
        return c;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** A stop (SIGTERM) may come at any moment of start(): it ends start() at the next step. */
    private void stopIfClosed() {
        if (lifecycle.isClosed()) {
            throw new StartupException("twitcher was stopped while it was starting");
        }
    }

    /** Whatever the background set-up created is closed too, so a failed start leaves nothing running. */
    private void closeAfterFailure(CompletableFuture<CuratorFramework> clientReady) {
        if (clientReady != null && client == null) {
            client = clientReady.exceptionally(e -> null).join();
        }
        lifecycle.close();
        // Also when a stop already closed what existed then: start() may have made more since.
        stopComponents();
    }

    /** Rescans the whole config directory now (what SIGHUP does). Returns at once; the rescan runs on the reload thread. */
    public void reload() {
        ConfigDirectory dir = configDirectory;
        if (lifecycle.isStarted() && dir != null) {
            LOG.info("Rescanning {}", settings.configPath());
            table.resumeStopped();
            dir.rescan();
        }
    }

    /** What the daemon reports: connection, config files, watches. */
    public DaemonStatus status() {
        return status;
    }

    /** Where {@code /metrics} and {@code /health} are served, or {@code null} without {@code --http_port}. */
    public java.net.InetSocketAddress httpAddress() {
        return http == null ? null : http.address();
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
        if (!lifecycle.close()) {
            return;
        }
        stopComponents();
    }

    /** Stops whatever exists now; safe to call again (every component's close is idempotent). */
    private synchronized void stopComponents() {
        LOG.info("Twitcher stopping");
        quietly(control, ControlSocket::close);
        quietly(http, HttpEndpoint::close);
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
                    LOG.warn(
                            "Some in-process actions did not stop within {} s",
                            settings.shutdownGrace().toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        quietly(timers, ExecutorService::shutdownNow);
        quietly(fileLoader, FileLoader::close);
        quietly(plugins, PluginRegistry::close);
        LOG.info("Twitcher stopped");
    }

    private static <T> void quietly(T resource, Consumer<T> closer) {
        if (resource != null) {
            try {
                closer.accept(resource);
            } catch (RuntimeException e) {
                LOG.warn("Error while stopping: {}", e.toString());
            }
        }
    }
}
