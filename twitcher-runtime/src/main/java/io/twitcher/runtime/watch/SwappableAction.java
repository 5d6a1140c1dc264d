package io.twitcher.runtime.watch;

import io.twitcher.api.Action;
import io.twitcher.api.RunContext;
import io.twitcher.api.RunResult;

/**
 * A watch's action as its runners hold it: the action of the watch's latest load. A reload that finds the watch
 * unchanged but its inline action built again (the same source, a new function of the new load) swaps the new one in;
 * each run calls the one current when it starts, so a run in progress finishes with the old one, and once it ends
 * nothing refers to the old load's function (nor, through it, to that load's interpreter state).
 */
final class SwappableAction implements Action {
    private volatile Action current;

    SwappableAction(Action first) {
        this.current = first;
    }

    void swap(Action next) {
        current = next;
    }

    @Override
    public RunResult run(RunContext context) throws Exception {
        return current.run(context);
    }

    @Override
    public boolean runsProcess() {
        return current.runsProcess();
    }

    @Override
    public String toString() {
        return current.toString();
    }
}
