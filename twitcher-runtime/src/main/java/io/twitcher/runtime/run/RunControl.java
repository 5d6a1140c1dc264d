package io.twitcher.runtime.run;

import io.twitcher.runtime.process.SupervisedProcess;

/**
 * The handle a dispatcher keeps on one run, to send it the watch's notify_signal. The run's context registers its
 * child process here while it runs; a run without a process (an in-process action) ignores signals.
 */
public final class RunControl {
    private volatile SupervisedProcess process;

    /** Called by the run's context when its child started and ended. */
    public void attach(SupervisedProcess p) {
        this.process = p;
    }

    public void detach() {
        this.process = null;
    }

    /** Sends {@code signal} to the run's process group, if it has one now; 0 means none. */
    public void signal(int signal) {
        SupervisedProcess p = process;
        if (signal > 0 && p != null) {
            p.signalGroup(signal);
        }
    }
}
