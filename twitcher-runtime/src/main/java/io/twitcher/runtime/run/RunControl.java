package io.twitcher.runtime.run;

import io.twitcher.runtime.process.SupervisedProcess;

/**
 * The handle a dispatcher keeps on one run, to send it the watch's notify_signal. The run's context registers its
 * child process here while it runs; a run without a process (an in-process action) ignores signals.
 */
public final class RunControl {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.twitcher.run");

    private volatile SupervisedProcess process;

    /** Called by the run's context when its child started and ended. */
    public void attach(SupervisedProcess p) {
        this.process = p;
    }

    public void detach() {
        this.process = null;
    }

    /**
     * The run's deadline passed. A child process running now has the same deadline from the supervisor, which
     * terminates its group; a run with no child running (an in-process action, or between processes) is interrupted.
     */
    void expire(Thread runThread, io.twitcher.api.WatchDefinition definition) {
        if (process == null) {
            LOG.warn("Action \"{}\" timed out after {} s; interrupting it", definition.description(),
                    definition.timeout().toMillis() / 1000.0);
            runThread.interrupt();
        }
    }

    /** Sends {@code signal} to the run's process group, if it has one now; 0 means none. */
    public void signal(int signal) {
        SupervisedProcess p = process;
        if (signal > 0 && p != null) {
            p.signalGroup(signal);
        }
    }
}
