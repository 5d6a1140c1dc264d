package io.twitcher.runtime.watch;

import io.twitcher.api.Action;
import io.twitcher.api.ActionSpec;
import io.twitcher.api.FleetControls;
import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.dispatch.Dispatcher;
import io.twitcher.runtime.fleet.FleetContext;
import io.twitcher.runtime.fleet.FleetGate;
import io.twitcher.runtime.fleet.FleetRunner;
import io.twitcher.runtime.run.NodeSnapshot;
import io.twitcher.runtime.status.WatchState;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One loaded watch at work: its definition, its status, its hold on the node watch, and the dispatcher that runs its
 * action. It is the node watch's listener (through its fleet gate when it has debounce, splay or if_changed) and the
 * dispatcher's source of the node's latest state. The dispatcher and its runners are made on the first update that
 * reaches the watch: most of a large daemon's watches never run, and they cost no more than their definition
 * (docs/benchmarks.md, "Heap per watch").
 */
final class ActiveWatch implements NodeListener, Supplier<NodeSnapshot> {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    // The definition and action rather than their ResolvedWatch: one object less for each of 100,000 watches.
    private final WatchDefinition definition;
    private final Action action;
    private final WatchState state;
    private final WatchTable table;
    private final FleetGate gate;
    private volatile Subscription subscription;
    /** What the first run waits for (the replaced definition's last run), until the dispatcher is made. */
    private CompletableFuture<Void> predecessor;

    private volatile Dispatcher dispatcher;
    private FleetRunner runner;
    private boolean stopped; // guarded by this
    private volatile boolean stoppedByPolicy;
    /** For an inline action: what the runners call, the action of the latest load of the same source. */
    private final SwappableAction swappable;

    /** @param predecessor completes once the replaced definition's last run ended */
    ActiveWatch(
            ResolvedWatch watch,
            WatchState state,
            WatchTable table,
            FleetContext fleet,
            CompletableFuture<Void> predecessor) {
        if (watch.definition().action().isInline()) {
            // The runners keep the definition and action for good: give them the swappable one, so that none of them
            // holds on to a load's function once a reload has swapped in the next (issue 8, 14e).
            ActionSpec spec = watch.definition().action();
            this.swappable = new SwappableAction(watch.action());
            this.action = swappable;
            this.definition = watch.definition()
                    .withAction(new ActionSpec(spec.type(), spec.params(), swappable, spec.fingerprint()));
        } else {
            this.swappable = null;
            this.action = watch.action();
            this.definition = watch.definition();
        }
        this.state = state;
        this.table = table;
        FleetControls f = watch.definition().fleet();
        this.gate = f.ifChanged() || f.debounce() != null || f.splay() != null
                ? new FleetGate(watch.definition(), state, fleet, this, this::trigger)
                : null;
        this.predecessor = predecessor.isDone() ? DONE : predecessor;
    }

    /**
     * A reload found this watch unchanged ({@code next} is equal to it): an inline action, built again by that load,
     * runs from the next run on (a run in progress finishes with the old one), and the previous load's is forgotten.
     * Other actions stay as they are.
     */
    void reloaded(ResolvedWatch next) {
        if (swappable != null) {
            swappable.swap(next.action());
        }
    }

    /** Starts listening to the node; called once, right after construction. */
    void subscribed(Subscription s) {
        subscription = s;
    }

    ResolvedWatch watch() {
        return new ResolvedWatch(definition, action);
    }

    WatchDefinition definition() {
        return definition;
    }

    Action action() {
        return action;
    }

    Subscription subscription() {
        return subscription;
    }

    /** The node's latest state read (MISSING before the first read). */
    @Override
    public NodeSnapshot get() {
        Subscription s = subscription;
        return s == null ? NodeSnapshot.MISSING : s.latest();
    }

    @Override
    public void nodeChanged(TriggerEvent event, NodeSnapshot snapshot) {
        if (gate != null) {
            gate.nodeChanged(event, snapshot);
        } else {
            state.updateSeen();
            trigger(event, snapshot);
        }
    }

    /** An update passed the fleet gate: hands it to the dispatcher, made now if this is the first. */
    void trigger(TriggerEvent event, NodeSnapshot snapshot) {
        Dispatcher d = dispatcher;
        if (d == null) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                if (dispatcher == null) {
                    runner = table.runnerFor(this);
                    dispatcher = table.dispatcherFor(this, runner, predecessor);
                    predecessor = null;
                }
                d = dispatcher;
            }
        }
        d.trigger(event, snapshot);
    }

    WatchState state() {
        return state;
    }

    /** Completes once this watch is stopped and its last run has ended. */
    CompletableFuture<Void> stoppedAndIdle() {
        Dispatcher d = dispatcher;
        return d == null ? DONE : d.closedAndIdle();
    }

    /** on_failure=stop_watching after the last failed attempt: no more runs until a reload or SIGHUP. */
    void stopByPolicy() {
        stoppedByPolicy = true;
        if (halt()) {
            state.stoppedByPolicy(); // it stays in status, as stopped, until replaced, removed or resumed
        }
    }

    boolean stoppedByPolicy() {
        return stoppedByPolicy;
    }

    /** No run of this watch starts after this returns (runs in progress finish). */
    void stop() {
        halt(); // a no-op when its on_failure policy stopped it already
        table.stopped(state); // gone for good: replaced, removed, resumed as a new watch
    }

    private boolean halt() {
        Dispatcher d;
        FleetRunner r;
        synchronized (this) {
            if (stopped) {
                return false;
            }
            stopped = true;
            d = dispatcher;
            r = runner;
        }
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        if (gate != null) {
            gate.close();
        }
        if (r != null) {
            r.close();
        }
        if (d != null) {
            d.close();
        }
        return true;
    }
}
