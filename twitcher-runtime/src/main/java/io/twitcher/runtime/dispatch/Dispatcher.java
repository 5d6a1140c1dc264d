package io.twitcher.runtime.dispatch;

import io.twitcher.runtime.run.Runner;
import io.twitcher.api.RunMode;
import io.twitcher.api.TriggerEvent;
import io.twitcher.runtime.run.NodeSnapshot;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Decides, per watch and by its run mode, whether an update starts a run now, later or never. {@link #trigger} is
 * called on the ZooKeeper reader thread and only hands work to the worker executor.
 */
public interface Dispatcher {

    /** An update arrived. */
    void trigger(TriggerEvent event, NodeSnapshot snapshot);

    /** Drops pending runs and accepts no more; runs in progress finish. Idempotent. */
    void close();

    /** Completes once the dispatcher is closed and its last run has ended. */
    default CompletableFuture<Void> closedAndIdle() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A dispatcher for {@code mode}.
     *
     * @param latest       the node's current state, read when a pending run starts
     * @param notifySignal signal for a running action on the first update during its run, 0 for none
     * @param parallelCap  the most concurrent runs in PARALLEL mode
     */
    static Dispatcher create(RunMode mode, Runner runner, Executor workers, Supplier<NodeSnapshot> latest,
                             int notifySignal, int parallelCap) {
        return create(mode, runner, workers, latest, notifySignal, parallelCap, CompletableFuture.completedFuture(null));
    }

    /**
     * As {@link #create(RunMode, Runner, Executor, Supplier, int, int)}; a QUEUE dispatcher starts its first run only
     * once {@code predecessor} completed (the run of the definition it replaces has ended: never two at once).
     */
    static Dispatcher create(RunMode mode, Runner runner, Executor workers, Supplier<NodeSnapshot> latest,
                             int notifySignal, int parallelCap, CompletableFuture<Void> predecessor) {
        return switch (mode) {
            case QUEUE -> new QueueDispatcher(runner, workers, latest, notifySignal, predecessor);
            case DISCARD -> new DiscardDispatcher(runner, workers, notifySignal);
            case PARALLEL -> new ParallelDispatcher(runner, workers, latest, parallelCap);
        };
    }
}
