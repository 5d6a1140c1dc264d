package io.twitcher.runtime.daemon;

import io.twitcher.runtime.lifecycle.StartupException;
import io.twitcher.runtime.logging.LogSetup;
import io.twitcher.runtime.zk.EmbeddedZooKeeper;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the daemon in the foreground: logging, pidfile, the embedded ZooKeeper when asked, the service; then waits.
 * SIGTERM and SIGINT stop it in order (service, ZooKeeper, pidfile) and {@link #run()} returns 0; SIGHUP reopens the
 * log file and reloads the configuration. A shutdown hook does the same cleanup when the JVM exits any other way.
 */
public final class DaemonRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonRunner.class);

    private final DaemonSettings settings;
    private final DaemonService.Factory services;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicReference<String> stopCause = new AtomicReference<>();
    private final Deque<Closeable> resources = new ArrayDeque<>();
    private boolean closed;
    /** While the service starts, a stop signal closes everything at once (start() may take long: a config load). */
    private volatile boolean starting;
    private final SystemdNotify systemd = SystemdNotify.fromEnvironment();
    private final Readiness readiness = new Readiness(systemd);

    public DaemonRunner(DaemonSettings settings, DaemonService.Factory services) {
        this.settings = settings;
        this.services = services;
    }

    /**
     * Runs until a stop signal.
     *
     * @return 0 after an orderly stop
     * @throws StartupException when the daemon cannot start; everything started so far is closed again
     */
    public int run() {
        LogSetup logs = configureLogging();
        Thread hook = new Thread(() -> requestStop("JVM shutdown", true), "twitcher-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        SignalTraps traps = new SignalTraps();
        try {
            starting = true;
            try {
                startAll(logs, traps);
            } finally {
                starting = false;
            }
            awaitStop();
            LOG.info("{} received: stopping", stopCause.get());
            closeAll();
            LOG.info("Exiting");
            return 0;
        } catch (StartupException e) {
            if (stopCause.get() != null) {
                LOG.info("{} received while starting: stopped", stopCause.get());
                closeAll();
                LOG.info("Exiting");
                return 0;
            }
            LOG.error("Twitcher cannot start: {}", e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Twitcher failed", e);
            throw e;
        } finally {
            closeAll();
            traps.restore();
            removeHook(hook);
        }
    }

    private void startAll(LogSetup logs, SignalTraps traps) {
        Pidfile pidfile = null;
        if (settings.pidfile() != null) {
            pidfile = Pidfile.acquire(settings.pidfile());
            register(pidfile);
        }
        if (settings.embeddedZkPort() > 0) {
            try {
                register(EmbeddedZooKeeper.start(settings.embeddedZkPort()));
            } catch (IOException e) {
                throw new StartupException(e.getMessage());
            }
        }
        LOG.info("Twitcher {} starting: zkservers={}, config_path={}, plugins_dir={}", Version.get(),
                settings.zkServers(), settings.configPath().toAbsolutePath(), settings.pluginsDir().toAbsolutePath());
        DaemonService service = services.create(settings);
        register(service);
        traps.trap("TERM", () -> requestStop("SIGTERM", false));
        traps.trap("INT", () -> requestStop("SIGINT", false));
        traps.trap("HUP", () -> reload(logs, service));
        register(() -> systemd.send("STOPPING=1"));
        service.start();
        if (pidfile != null) {
            try {
                pidfile.writePid();
            } catch (IOException e) {
                throw new StartupException("cannot write the pidfile " + pidfile.path() + " (" + e.getMessage() + ")");
            }
        }
        readiness.watch(service.status());
    }

    private LogSetup configureLogging() {
        try {
            return LogSetup.configure(settings.log(), settings.logConfig(), settings.logJson());
        } catch (IOException e) {
            throw new StartupException(e.getMessage());
        }
    }

    private void reload(LogSetup logs, DaemonService service) {
        LOG.info("SIGHUP: reopening the log and rescanning the configuration");
        systemd.send("RELOADING=1");
        try {
            logs.reopen();
            service.reload();
        } catch (RuntimeException e) {
            LOG.error("Reload on SIGHUP failed", e);
        }
    }

    private void requestStop(String cause, boolean fromHook) {
        stopCause.compareAndSet(null, cause);
        stop.countDown();
        if (fromHook || starting) {
            // The JVM exits when the hook returns, and a start may be stuck for long (a config evaluation, ZooKeeper):
            // clean up here rather than wait for the main thread.
            closeAll();
        }
    }

    private void awaitStop() {
        try {
            stop.await();
        } catch (InterruptedException e) {
            stopCause.compareAndSet(null, "interrupted");
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void register(Closeable resource) {
        if (closed) {
            // A shutdown arrived while starting: nothing will close this later.
            try {
                resource.close();
            } catch (IOException e) {
                LOG.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
            throw new StartupException("twitcher was stopped while it was starting");
        }
        resources.push(resource);
    }

    private synchronized void closeAll() {
        if (closed) {
            return;
        }
        closed = true;
        while (!resources.isEmpty()) {
            Closeable resource = resources.pop();
            try {
                resource.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook has run or is running.
        }
    }
}
