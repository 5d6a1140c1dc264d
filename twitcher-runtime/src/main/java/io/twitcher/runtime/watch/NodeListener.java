package io.twitcher.runtime.watch;

import io.twitcher.api.TriggerEvent;
import io.twitcher.runtime.run.NodeSnapshot;

/**
 * Told when a watched node changes. Called on the ZooKeeper reader thread: implementations hand the work to their
 * own threads and return at once.
 */
@FunctionalInterface
public interface NodeListener {
    void nodeChanged(TriggerEvent event, NodeSnapshot snapshot);
}
