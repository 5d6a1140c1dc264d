package io.twitcher.runtime.daemon;

import io.twitcher.runtime.lifecycle.StartupException;
import io.twitcher.runtime.daemon.Twitcher;
import java.io.Closeable;

/**
 * What the foreground daemon runs: started once, reloaded on SIGHUP, closed on SIGTERM/SIGINT. In production it is
 * the {@link Twitcher} facade ({@link #twitcher}); tests run the CLI's lifecycle (signals, pidfile, daemonize) with
 * a small recording implementation in a child JVM.
 */
public interface DaemonService extends Closeable {

    /** Builds the service for the given settings (with the effective connect string). */
    @FunctionalInterface
    interface Factory {
        DaemonService create(DaemonSettings settings);
    }

    /** Starts; the message of a {@link StartupException} is one sentence. */
    void start();

    /** Rescans the configuration; returns at once. Called on the signal thread. */
    void reload();

    /** What the daemon reports (readiness waits for it to be healthy), or {@code null}: ready once started. */
    default io.twitcher.runtime.status.DaemonStatus status() {
        return null;
    }

    /** Stops everything; idempotent and quiet. */
    @Override
    void close();

    /** The real daemon. */
    static DaemonService twitcher(DaemonSettings settings) {
        Twitcher twitcher = new Twitcher(settings);
        return new DaemonService() {
            @Override
            public void start() {
                twitcher.start();
            }

            @Override
            public void reload() {
                twitcher.reload();
            }

            @Override
            public void close() {
                twitcher.close();
            }

            @Override
            public io.twitcher.runtime.status.DaemonStatus status() {
                return twitcher.status();
            }
        };
    }
}
