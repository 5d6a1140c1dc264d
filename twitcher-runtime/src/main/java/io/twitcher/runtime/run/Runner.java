package io.twitcher.runtime.run;

import io.twitcher.api.TriggerEvent;
import io.twitcher.runtime.run.NodeSnapshot;

/** Performs one run of one watch's action on the calling thread, logging its outcome; never throws. */
@FunctionalInterface
public interface Runner {
    /** Runs; true when the run succeeded (exit code 0, a 2xx response, no exception). */
    boolean run(TriggerEvent event, NodeSnapshot snapshot, RunControl control);
}
