package io.twitcher.runtime.watch;

import io.twitcher.api.TriggerEvent;
import io.twitcher.runtime.run.NodeSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener on a shared {@link NodeWatch}, and whether it still waits for its first read (its run_on_load). Events
 * reach the listener through {@link #tell}, where a listener's failure is its own: the others, and the watch, go on.
 */
final class WatchMember implements Subscription {
    // Logged under NodeWatch's name, as before the split: operators set levels and filter by it.
    private static final Logger LOG = LoggerFactory.getLogger(NodeWatch.class);

    private final NodeWatch watch;
    private final NodeListener listener;
    private final boolean runOnLoad;
    private volatile boolean awaitingLoad = true;

    WatchMember(NodeWatch watch, NodeListener listener, boolean runOnLoad) {
        this.watch = watch;
        this.listener = listener;
        this.runOnLoad = runOnLoad;
    }

    @Override
    public NodeSnapshot latest() {
        return watch.latest();
    }

    @Override
    public void close() {
        watch.remove(this);
    }

    /** Whether waiting for this member's first read is over (see {@link NodeWatch#settled()}). */
    boolean settled() {
        return watch.settled();
    }

    /** The first read: a LOAD event if the node exists and it runs on load. False when it had one already. */
    boolean firstRead(NodeSnapshot snapshot) {
        if (!awaitingLoad) {
            return false;
        }
        awaitingLoad = false;
        if (snapshot.exists() && runOnLoad) {
            tell(TriggerEvent.LOAD, snapshot);
        }
        return true;
    }

    void tell(TriggerEvent event, NodeSnapshot snapshot) {
        try {
            listener.nodeChanged(event, snapshot);
        } catch (RuntimeException | Error e) {
            LOG.error(
                    "{} {}: a watch failed to take the {} event: {}",
                    watch.type(),
                    watch.path(),
                    event.envValue(),
                    e.toString());
            LOG.debug("Listener failure", e);
        }
    }
}
