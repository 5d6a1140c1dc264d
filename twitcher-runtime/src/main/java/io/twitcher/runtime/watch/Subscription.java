package io.twitcher.runtime.watch;

import io.twitcher.runtime.run.NodeSnapshot;

/** One listener's hold on a shared {@link NodeWatch}. */
public interface Subscription extends AutoCloseable {

    /** The latest state read for the node (what a QUEUE run that starts now should see). */
    NodeSnapshot latest();

    /** Stops telling the listener; the node watch closes when its last subscription does. Idempotent. */
    @Override
    void close();
}
