package io.twitcher.runtime.fleet;

import io.twitcher.api.FleetControls;
import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.run.NodeSnapshot;
import io.twitcher.runtime.status.WatchState;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between a watch's node and its dispatcher: counts updates, skips the load run of {@code run_on_load=if_changed}
 * when the node did not change since the last successful run, and holds updates back for {@code debounce} (until
 * the node has been quiet that long) and then {@code splay} (a random delay up to it). An update during a wait only
 * refreshes the data: the delayed run reads the node's state when the wait ends. An update whose change a run was
 * already handed (its notification came after the wait had ended and read it) is not held again. Called on the reader
 * thread; the delays run on the timer thread and only hand the update on.
 */
public final class FleetGate {
    private static final Logger LOG = LoggerFactory.getLogger(FleetGate.class);

    private final WatchDefinition definition;
    private final FleetControls fleet;
    private final WatchState state;
    private final StateDir stateDir;
    private final ScheduledExecutorService timers;
    private final Supplier<NodeSnapshot> latest;
    private final BiConsumer<TriggerEvent, NodeSnapshot> next;
    private TriggerEvent held;
    private ScheduledFuture<?> debounceTimer;
    private ScheduledFuture<?> splayTimer;
    private long handedOnZxid = -1;
    private boolean closed;

    public FleetGate(
            WatchDefinition definition,
            WatchState state,
            FleetContext context,
            Supplier<NodeSnapshot> latest,
            BiConsumer<TriggerEvent, NodeSnapshot> next) {
        this.definition = definition;
        this.fleet = definition.fleet();
        this.state = state;
        this.stateDir = context.stateDir();
        this.timers = context.timers();
        this.latest = latest;
        this.next = next;
    }

    /** An update (or the first read) arrived. */
    public void nodeChanged(TriggerEvent event, NodeSnapshot snapshot) {
        state.updateSeen();
        if (event == TriggerEvent.LOAD
                && fleet.ifChanged()
                && stateDir.unchanged(definition.description(), definition.znode(), snapshot)) {
            LOG.info(
                    "\"{}\": {} is unchanged since the last successful run (version {}); not run on load",
                    definition.description(),
                    definition.znode(),
                    snapshot.version());
            state.skippedUnchanged();
            return;
        }
        if (fleet.debounce() == null && fleet.splay() == null) {
            next.accept(event, snapshot);
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            if (snapshot.exists() && snapshot.zxid() <= handedOnZxid) {
                LOG.debug("\"{}\": version {} was already handed on", definition.description(), snapshot.version());
                return;
            }
            held = held == null ? event : held;
            if (fleet.debounce() != null) {
                if (debounceTimer != null) {
                    debounceTimer.cancel(false);
                }
                state.waiting(WatchState.Waiting.DEBOUNCE);
                debounceTimer = schedule(this::debounced, fleet.debounce());
            } else if (splayTimer == null) {
                startSplay();
            }
        }
    }

    private synchronized void debounced() {
        debounceTimer = null;
        if (closed) {
            return;
        }
        if (fleet.splay() == null) {
            release();
        } else if (splayTimer == null) {
            startSplay();
        }
    }

    private void startSplay() {
        long nanos = ThreadLocalRandom.current().nextLong(fleet.splay().toNanos() + 1);
        LOG.debug("\"{}\": splay {} ms", definition.description(), nanos / 1_000_000);
        state.waiting(WatchState.Waiting.SPLAY);
        splayTimer = schedule(
                () -> {
                    synchronized (this) {
                        splayTimer = null;
                        if (!closed) {
                            release();
                        }
                    }
                },
                Duration.ofNanos(nanos));
    }

    /** Hands the held update on with the node's state now. Holding the lock: the dispatcher only queues work. */
    private void release() {
        TriggerEvent event = held;
        held = null;
        state.waiting(WatchState.Waiting.NONE);
        NodeSnapshot now = latest.get();
        if (event != null && now.exists()) {
            handedOnZxid = now.zxid();
            next.accept(event, now);
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Drops a held update; nothing is handed on after this returns. */
    public synchronized void close() {
        closed = true;
        held = null;
        if (debounceTimer != null) {
            debounceTimer.cancel(false);
        }
        if (splayTimer != null) {
            splayTimer.cancel(false);
        }
        state.waiting(WatchState.Waiting.NONE);
    }
}
