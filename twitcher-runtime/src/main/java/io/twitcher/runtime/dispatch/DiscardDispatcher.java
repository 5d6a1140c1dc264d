package io.twitcher.runtime.dispatch;

import io.twitcher.runtime.lifecycle.Lifecycle;
import io.twitcher.runtime.run.Runner;
import io.twitcher.runtime.run.RunControl;
import io.twitcher.api.TriggerEvent;
import io.twitcher.runtime.run.NodeSnapshot;
import java.util.concurrent.Executor;

/**
 * DISCARD: updates during a run are dropped (the watch stays armed); the first one sends notify_signal to the
 * running action. Nothing is remembered, so runs can never pile up.
 */
final class DiscardDispatcher implements Dispatcher {
    private final Runner runner;
    private final Executor workers;
    private final int notifySignal;

    private RunControl current;
    private boolean signalled;
    /** An update that arrived while the run waited to retry: it replaces the retry. */
    private TriggerEvent nextEvent;
    private NodeSnapshot nextSnapshot;
    private final Lifecycle lifecycle = Lifecycle.started("discard dispatcher");

    DiscardDispatcher(Runner runner, Executor workers, int notifySignal) {
        this.runner = runner;
        this.workers = workers;
        this.notifySignal = notifySignal;
    }

    @Override
    public void trigger(TriggerEvent event, NodeSnapshot snapshot) {
        RunControl toSignal;
        synchronized (this) {
            if (lifecycle.isClosed()) {
                return;
            }
            if (current == null) {
                start(event, snapshot);
                return;
            }
            if (current.supersedeIfWaiting()) {
                // The run failed and waits to retry: the newer data runs instead, once it has given up.
                nextEvent = event;
                nextSnapshot = snapshot;
                return;
            }
            if (signalled) {
                return;
            }
            signalled = true;
            toSignal = current;
        }
        toSignal.signal(notifySignal);
    }

    private void start(TriggerEvent event, NodeSnapshot snapshot) {
        RunControl c = new RunControl();
        current = c;
        signalled = false;
        workers.execute(() -> {
            try {
                Runs.run(runner, event, snapshot, c);
            } finally {
                synchronized (this) {
                    current = null;
                    if (nextEvent != null && !lifecycle.isClosed()) {
                        TriggerEvent e = nextEvent;
                        NodeSnapshot s = nextSnapshot;
                        nextEvent = null;
                        nextSnapshot = null;
                        start(e, s);
                    }
                }
            }
        });
    }

    @Override
    public synchronized void close() {
        lifecycle.close();
        nextEvent = null;
        if (current != null) {
            current.supersede();
        }
    }
}
