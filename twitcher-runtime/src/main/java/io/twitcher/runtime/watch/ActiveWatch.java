package io.twitcher.runtime.watch;

import io.twitcher.runtime.dispatch.Dispatcher;

/** One loaded watch at work: its definition, the dispatcher that runs its action, its hold on the node watch. */
final class ActiveWatch {
    private volatile ResolvedWatch watch;
    private final SwappableAction action;
    private final Dispatcher dispatcher;
    private final Subscription subscription;
    private volatile boolean stoppedByPolicy;
    private final Runnable alsoOnStop;
    private final java.util.function.Consumer<Boolean> report;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param action     the action the watch's runners call
     * @param alsoOnStop runs once when the watch stops
     * @param report     told how it stopped: true when by its on_failure policy (it then stays reported, as
     *                   stopped); false when it is gone for good (replaced, removed, resumed as a new watch)
     */
    ActiveWatch(
            ResolvedWatch watch,
            SwappableAction action,
            Dispatcher dispatcher,
            Subscription subscription,
            Runnable alsoOnStop,
            java.util.function.Consumer<Boolean> report) {
        this.watch = watch;
        this.action = action;
        this.dispatcher = dispatcher;
        this.subscription = subscription;
        this.alsoOnStop = alsoOnStop;
        this.report = report;
    }

    ResolvedWatch watch() {
        return watch;
    }

    /**
     * A reload found this watch unchanged ({@code next} is equal to it): an inline action, built again by that load,
     * runs from the next run on, and the previous load's is forgotten. Other actions stay as they are.
     */
    void reloaded(ResolvedWatch next) {
        if (next.definition().action().isInline()) {
            action.swap(next.action());
            watch = next;
        }
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
        if (halt()) {
            report.accept(true);
        }
    }

    boolean stoppedByPolicy() {
        return stoppedByPolicy;
    }

    /** No run of this watch starts after this returns (runs in progress finish). */
    void stop() {
        halt(); // a no-op when its on_failure policy stopped it already
        report.accept(false);
    }

    private boolean halt() {
        if (!stopped.compareAndSet(false, true)) {
            return false;
        }
        subscription.close();
        alsoOnStop.run();
        dispatcher.close();
        return true;
    }
}
