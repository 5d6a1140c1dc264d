package io.twitcher.runtime.dispatch;

import io.twitcher.api.TriggerEvent;
import io.twitcher.runtime.run.NodeSnapshot;
import io.twitcher.runtime.run.RunControl;
import io.twitcher.runtime.run.Runner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a dispatcher's worker starts one run: whatever escapes the runner is logged, never left to kill the loop. */
final class Runs {
    private static final Logger LOG = LoggerFactory.getLogger(Runs.class);

    private Runs() {
    }

    /**
     * Runs once, unless the node is gone: a run left pending while its node was deleted reads the node's current
     * state, which is missing, and deletion never runs the action (a re-created node runs as {@code created}).
     */
    static void run(Runner runner, TriggerEvent event, NodeSnapshot snapshot, RunControl control) {
        if (!snapshot.exists()) {
            LOG.debug("Node deleted before a pending {} run could start; dropped", event.envValue());
            return;
        }
        try {
            runner.run(event, snapshot, control);
        } catch (RuntimeException | Error e) {
            LOG.error("A run ended with an unexpected {}: {}", e.getClass().getName(), e.getMessage());
            LOG.debug("Unexpected run failure", e);
        }
    }
}
