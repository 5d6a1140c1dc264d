package io.twitcher.runtime.run;

import io.twitcher.api.TriggerEvent;
import io.twitcher.runtime.run.NodeSnapshot;

/** Performs one run of one watch's action on the calling thread, logging its outcome; never throws. */
@FunctionalInterface
public interface Runner {
    void run(TriggerEvent event, NodeSnapshot snapshot, RunControl control);
}
