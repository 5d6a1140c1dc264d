package io.twitcher.runtime.dispatch;

import io.twitcher.runtime.lifecycle.Lifecycle;
import io.twitcher.runtime.run.Runner;
import io.twitcher.runtime.run.RunControl;
import io.twitcher.api.TriggerEvent;
import io.twitcher.runtime.run.NodeSnapshot;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * PARALLEL: every update starts a run at once, with that update's data, up to a cap of concurrent runs. Updates
 * beyond the cap collapse into one pending run that starts, with the node's state at that moment, when a run ends:
 * a write storm cannot fork-bomb the machine, and the last run still sees the final data.
 */
final class ParallelDispatcher implements Dispatcher {
    private final Runner runner;
    private final Executor workers;
    private final Supplier<NodeSnapshot> latest;
    private final int cap;

    private int running;
    private TriggerEvent pending;
    /** The runs in progress, whose retries a newer update cancels. */
    private final java.util.Set<RunControl> active = new java.util.HashSet<>();
    private final Lifecycle lifecycle = Lifecycle.started("parallel dispatcher");

    ParallelDispatcher(Runner runner, Executor workers, Supplier<NodeSnapshot> latest, int cap) {
        this.runner = runner;
        this.workers = workers;
        this.latest = latest;
        this.cap = cap;
    }

    @Override
    public void trigger(TriggerEvent event, NodeSnapshot snapshot) {
        synchronized (this) {
            if (lifecycle.isClosed()) {
                return;
            }
            active.forEach(RunControl::supersede);
            if (running >= cap) {
                pending = event;
                return;
            }
            running++;
        }
        workers.execute(() -> loop(event, snapshot));
    }

    private void loop(TriggerEvent event, NodeSnapshot snapshot) {
        TriggerEvent e = event;
        NodeSnapshot s = snapshot;
        boolean freed = false;
        try {
            while (true) {
                RunControl c = new RunControl();
                synchronized (this) {
                    active.add(c);
                }
                try {
                    Runs.run(runner, e, s, c);
                } finally {
                    synchronized (this) {
                        active.remove(c);
                    }
                }
                synchronized (this) {
                    if (pending == null || lifecycle.isClosed()) {
                        running--;
                        freed = true;
                        return;
                    }
                    e = pending;
                    pending = null;
                }
                s = latest.get();
            }
        } finally {
            if (!freed) {
                // Whatever ended the loop, its slot of the cap is free again.
                synchronized (this) {
                    running--;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        lifecycle.close();
        pending = null;
        active.forEach(RunControl::supersede);
    }
}
