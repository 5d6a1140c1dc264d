package io.twitcher.runtime.watch;

import io.twitcher.runtime.watch.ResolvedWatch;
import io.twitcher.runtime.dispatch.Dispatcher;

/** One loaded watch at work: its definition, the dispatcher that runs its action, its hold on the node watch. */
final class ActiveWatch {
    private final ResolvedWatch watch;
    private final Dispatcher dispatcher;
    private final Subscription subscription;
    private final Runnable alsoOnStop;

    ActiveWatch(ResolvedWatch watch, Dispatcher dispatcher, Subscription subscription, Runnable alsoOnStop) {
        this.watch = watch;
        this.dispatcher = dispatcher;
        this.subscription = subscription;
        this.alsoOnStop = alsoOnStop;
    }

    ResolvedWatch watch() {
        return watch;
    }

    /** No run of this watch starts after this returns (runs in progress finish). */
    void stop() {
        subscription.close();
        alsoOnStop.run();
        dispatcher.close();
    }
}
