package io.twitcher.runtime.watch;

import io.twitcher.runtime.watch.ResolvedWatch;
import io.twitcher.runtime.dispatch.Dispatcher;

/** One loaded watch at work: its definition, the dispatcher that runs its action, its hold on the node watch. */
final class ActiveWatch {
    private final ResolvedWatch watch;
    private final Dispatcher dispatcher;
    private final Subscription subscription;
    private volatile boolean stoppedByPolicy;
    private final Runnable alsoOnStop;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    ActiveWatch(ResolvedWatch watch, Dispatcher dispatcher, Subscription subscription, Runnable alsoOnStop) {
        this.watch = watch;
        this.dispatcher = dispatcher;
        this.subscription = subscription;
        this.alsoOnStop = alsoOnStop;
    }

    ResolvedWatch watch() {
        return watch;
    }

    Subscription subscription() {
        return subscription;
    }

    /** Completes once this watch is stopped and its last run has ended. */
    java.util.concurrent.CompletableFuture<Void> stoppedAndIdle() {
        return dispatcher.closedAndIdle();
    }

    /** on_failure=stop_watching after the last failed attempt: no more runs until a reload or SIGHUP. */
    void stopByPolicy() {
        stoppedByPolicy = true;
        stop();
    }

    boolean stoppedByPolicy() {
        return stoppedByPolicy;
    }

    /** No run of this watch starts after this returns (runs in progress finish). */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return; // stopped by its on_failure policy already
        }
        subscription.close();
        alsoOnStop.run();
        dispatcher.close();
    }
}
