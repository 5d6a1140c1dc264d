package io.twitcher.runtime.run;

import io.twitcher.api.ProcessOutcome;
import io.twitcher.api.RunResult;
import io.twitcher.runtime.process.SupervisedProcess;

/**
 * The handle a dispatcher keeps on one run, to send it the watch's notify_signal and to cancel its pending retries.
 * The run's context registers its child process here while it runs; a run without a process (an in-process action)
 * ignores signals. A signal sent before the process exists (while the run resolves its user or spawns) is kept and
 * delivered when it is attached: the process group exists from the spawn on, so nothing is lost in between.
 */
public final class RunControl {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.twitcher.run");

    private SupervisedProcess process;
    private int pending;
    private boolean superseded;
    private boolean waitingToRetry;
    private volatile ProcessOutcome outcome;
    private volatile RunResult result;
    private volatile boolean expired;

    /** Whether the run's timeout expired (an in-process action interrupted, or its process terminated). */
    public boolean timedOut() {
        ProcessOutcome o = outcome;
        return expired || o != null && o.timedOut();
    }

    /** The run's last child process ended so (set by the run's context). */
    void processEnded(ProcessOutcome o) {
        this.outcome = o;
    }

    /** The run ended so (set by {@link ActionRunner}). */
    void ended(RunResult r) {
        this.result = r;
    }

    /** How the run ended, or {@code null} while it runs. */
    public RunResult result() {
        return result;
    }

    /** The run's last child process's outcome, or {@code null} when it started none. */
    public ProcessOutcome processOutcome() {
        return outcome;
    }

    /** Called by the run's context when its child started; delivers a signal that came before. */
    public synchronized void attach(SupervisedProcess p) {
        this.process = p;
        if (pending > 0) {
            p.signalGroup(pending);
            pending = 0;
        }
    }

    /** Called by the run's context when its child ended. */
    public synchronized void detach() {
        this.process = null;
        this.pending = 0;
    }

    /**
     * The run's deadline passed. A child process running now has the same deadline from the supervisor, which
     * terminates its group; a run with no child running (an in-process action, or between processes) is interrupted.
     */
    synchronized void expire(ActionRunner.TimeoutGuard run, io.twitcher.api.WatchDefinition definition) {
        // The guard: a run that ended meanwhile (its thread now pooled, maybe running the next run) is left alone.
        if (!run.running()) {
            return;
        }
        expired = true;
        if (process == null) {
            LOG.warn("Action \"{}\" timed out after {} s; interrupting it", definition.description(),
                    definition.timeout().toMillis() / 1000.0);
            run.interrupt();
        }
    }

    /** Sends {@code signal} to the run's process group, or keeps the first one until it has one; 0 means none. */
    public synchronized void signal(int signal) {
        if (signal <= 0) {
            return;
        }
        if (process != null) {
            process.signalGroup(signal);
        } else if (pending == 0) {
            pending = signal;
        }
    }

    /**
     * A newer update arrived, or the watch stopped: this run makes no further attempt (a retry waiting now ends at
     * once). Returns whether the run was waiting to retry.
     */
    public synchronized boolean supersede() {
        superseded = true;
        notifyAll();
        return waitingToRetry;
    }

    /** As {@link #supersede()}, but only when the run is waiting to retry now; returns whether it was. */
    public synchronized boolean supersedeIfWaiting() {
        if (waitingToRetry) {
            superseded = true;
            notifyAll();
        }
        return waitingToRetry;
    }

    /** Whether a newer update (or the watch's end) cancelled this run's further attempts. */
    public synchronized boolean superseded() {
        return superseded;
    }

    /**
     * Waits {@code millis} before another attempt. False when the attempt must not happen: superseded meanwhile, or
     * interrupted (shutdown; the interrupt is restored).
     */
    synchronized boolean awaitRetry(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        waitingToRetry = true;
        try {
            while (!superseded) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                wait(Math.max(1, left / 1_000_000L));
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waitingToRetry = false;
        }
    }
}
