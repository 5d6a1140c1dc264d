package io.twitcher.runtime.watch;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.curator.framework.state.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * What {@link NodeWatches} logs about the connection: one line when it goes (a later LOST after SUSPENDED says the
 * session expired), one a minute while it stays down, one when it is back, not one a try. While the server closes
 * an unauthenticated session at each read, these lines go to DEBUG: the unreadable node's line says it all.
 */
final class ConnectionLog {
    // Logged under NodeWatches' name, as before the split: operators set levels and filter by it.
    private static final Logger LOG = LoggerFactory.getLogger(NodeWatches.class);

    /** How often the log says the connection is still down. */
    static final Duration STILL_DOWN_EVERY = Duration.ofMinutes(1);

    private final ScheduledExecutorService timer;
    private final LongSupplier failedAttempts;
    /** When the connection went away (nanoTime), 0 while connected; guarded by {@code this}. */
    private long downSince;

    private ScheduledFuture<?> stillDown;
    private volatile boolean sessionRefused;

    /** {@code failedAttempts} counts failed connection attempts (negative: unknown); {@code timer} is the owner's. */
    ConnectionLog(ScheduledExecutorService timer, LongSupplier failedAttempts) {
        this.timer = timer;
        this.failedAttempts = failedAttempts;
    }

    void sessionRefused(boolean refused) {
        sessionRefused = refused;
    }

    synchronized void down(ConnectionState state) {
        if (downSince == 0) {
            downSince = System.nanoTime();
            long attemptsBefore = failedAttempts.getAsLong();
            log(
                    Level.WARN,
                    "Connection to ZooKeeper {}; watches re-arm when it is back",
                    state == ConnectionState.LOST ? "lost (session expired or unreachable)" : "suspended");
            long every = STILL_DOWN_EVERY.toMillis();
            try {
                stillDown =
                        timer.scheduleAtFixedRate(() -> stillDown(attemptsBefore), every, every, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closing
            }
        } else if (state == ConnectionState.LOST) {
            LOG.warn("Connection to ZooKeeper lost (session expired or unreachable); watches re-arm when it is back");
        }
    }

    private synchronized void stillDown(long attemptsBefore) {
        if (downSince != 0) {
            long attempts = failedAttempts.getAsLong() - attemptsBefore;
            LOG.warn(
                    "ZooKeeper still unreachable after {} s{}",
                    (System.nanoTime() - downSince) / 1_000_000_000L,
                    attempts >= 0 ? " (" + attempts + " connection attempts failed)" : "");
        }
    }

    synchronized void back(ConnectionState state, int watchedNodes) {
        String after = downSince == 0 ? "" : " after " + (System.nanoTime() - downSince) / 1_000_000_000L + " s";
        downSince = 0;
        if (stillDown != null) {
            stillDown.cancel(false);
            stillDown = null;
        }
        log(
                Level.INFO,
                "Connected to ZooKeeper ({}{}); reading {} watched node(s)",
                state == ConnectionState.CONNECTED ? "first connection" : "reconnected",
                after,
                watchedNodes);
    }

    void log(Level level, String format, Object... args) {
        LOG.atLevel(sessionRefused ? Level.DEBUG : level).log(format, args);
    }
}
