package io.twitcher.runtime.dispatch;

import io.twitcher.api.TriggerEvent;
import io.twitcher.runtime.lifecycle.Lifecycle;
import io.twitcher.runtime.run.NodeSnapshot;
import io.twitcher.runtime.run.RunControl;
import io.twitcher.runtime.run.Runner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * QUEUE: at most one run at a time. Updates during a run collapse into one pending run, which starts when the run
 * ends and reads the node's state at that moment; the first of them sends notify_signal to the running action.
 */
final class QueueDispatcher implements Dispatcher {
    private final Runner runner;
    private final Executor workers;
    private final Supplier<NodeSnapshot> latest;
    private final int notifySignal;

    private boolean running;
    private TriggerEvent pending;
    private RunControl control;
    private final Lifecycle lifecycle = Lifecycle.started("queue dispatcher");
    private final CompletableFuture<Void> predecessor;
    private final CompletableFuture<Void> closedAndIdle = new CompletableFuture<>();

    QueueDispatcher(
            Runner runner,
            Executor workers,
            Supplier<NodeSnapshot> latest,
            int notifySignal,
            CompletableFuture<Void> predecessor) {
        this.runner = runner;
        this.workers = workers;
        this.latest = latest;
        this.notifySignal = notifySignal;
        this.predecessor = predecessor;
    }

    @Override
    public CompletableFuture<Void> closedAndIdle() {
        return closedAndIdle;
    }

    /** Waits until the run of the definition this one replaced has ended; false when interrupted (shutdown). */
    private boolean awaitPredecessor() {
        try {
            predecessor.get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    @Override
    public void trigger(TriggerEvent event, NodeSnapshot snapshot) {
        RunControl toSignal = null;
        synchronized (this) {
            if (lifecycle.isClosed()) {
                return;
            }
            if (!running) {
                running = true;
                control = new RunControl();
                RunControl c = control;
                workers.execute(() -> loop(event, snapshot, c));
                return;
            }
            if (pending == null) {
                toSignal = control;
            }
            pending = event;
            control.supersede(); // no retry of the current run: the pending one runs with newer data
        }
        if (toSignal != null) {
            toSignal.signal(notifySignal);
        }
    }

    private void loop(TriggerEvent event, NodeSnapshot snapshot, RunControl first) {
        TriggerEvent e = event;
        NodeSnapshot s = snapshot;
        RunControl c = first;
        boolean idle = false;
        try {
            if (!predecessor.isDone()) {
                if (!awaitPredecessor()) {
                    return;
                }
                // The data may have moved on while the old definition's run ended: this run takes the latest, so the
                // updates that came meanwhile are served by it, not by a second run of the same data after it.
                synchronized (this) {
                    if (pending != null) {
                        e = pending;
                        pending = null;
                    }
                    control = new RunControl(); // no notify_signal or supersede meant for the wait
                    c = control;
                }
                s = latest.get();
            }
            while (true) {
                Runs.run(runner, e, s, c);
                synchronized (this) {
                    if (pending == null || lifecycle.isClosed()) {
                        running = false;
                        pending = null;
                        idle = true;
                        if (lifecycle.isClosed()) {
                            closedAndIdle.complete(null);
                        }
                        return;
                    }
                    e = pending;
                    pending = null;
                    control = new RunControl();
                    c = control;
                }
                s = latest.get();
            }
        } finally {
            if (!idle) {
                // Whatever ended the loop, the watch must not stay "running" for good.
                synchronized (this) {
                    running = false;
                    if (lifecycle.isClosed()) {
                        closedAndIdle.complete(null);
                    }
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        lifecycle.close();
        pending = null;
        if (control != null) {
            control.supersede();
        }
        if (!running) {
            closedAndIdle.complete(null);
        }
    }
}
