package io.twitcher.runtime.status;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * What one active watch is doing and how its runs ended, for {@code twitcher status} and {@code /metrics}. The
 * components on a run's path report into it (the fleet gate, the runner); readers take a {@link #snapshot()}.
 * Thread-safe: reports come from the reader, timer and worker threads and take the object's lock (uncontended: one
 * watch's reports rarely meet). Small until its first update, for daemons with 100,000 watches: the counters and the
 * last run's figures live in {@link Runs}, made on the first report.
 */
public final class WatchState {
    /** What a watch waits for, when it waits. */
    public enum Waiting {
        NONE,
        DEBOUNCE,
        SPLAY,
        FLEET_LEASE,
        RETRY
    }

    private static final BiConsumer<WatchState, Duration> IGNORE = (w, d) -> {};

    private final String description;
    private final String file;
    private final String znode;
    private final String runMode;
    private Runs runs;
    private Waiting waiting = Waiting.NONE;
    private Instant waitingSince;
    private Instant stoppedSince;
    private volatile BiConsumer<WatchState, Duration> durationObserver = IGNORE;

    /** What the runs so far did: made on the first report. */
    private static final class Runs {
        long updates;
        long started;
        long succeeded;
        long failed;
        long timedOut;
        long skippedUnchanged;
        int running;
        Instant runningSince;
        Instant lastStart;
        Duration lastDuration;
        Integer lastExitCode;
        Boolean lastSuccess;
    }

    private static final Runs NO_RUNS = new Runs();

    public WatchState(String description, String file, String znode, String runMode) {
        this.description = description;
        this.file = file;
        this.znode = znode;
        this.runMode = runMode;
    }

    public String description() {
        return description;
    }

    public String file() {
        return file;
    }

    public String znode() {
        return znode;
    }

    public String runMode() {
        return runMode;
    }

    /** Where each finished run's duration goes as well (the metrics' histogram), with this watch. */
    public void observeDurations(BiConsumer<WatchState, Duration> observer) {
        this.durationObserver = observer;
    }

    private Runs runs() {
        if (runs == null) {
            runs = new Runs();
        }
        return runs;
    }

    /** An update (or the load read) reached the watch. */
    public synchronized void updateSeen() {
        runs().updates++;
    }

    /** The watch now waits for {@code what} ({@link Waiting#NONE}: no longer). */
    public synchronized void waiting(Waiting what) {
        waitingSince = what == Waiting.NONE ? null : Instant.now();
        waiting = what;
    }

    /** Its on_failure=stop_watching policy stopped the watch: it stays listed, stopped, until reloaded. */
    public synchronized void stoppedByPolicy() {
        stoppedSince = Instant.now();
    }

    /** The load run was skipped: the node did not change since the last successful run. */
    public synchronized void skippedUnchanged() {
        runs().skippedUnchanged++;
    }

    /** A run starts now; returns its start time. */
    public synchronized Instant runStarted() {
        Instant now = Instant.now();
        Runs r = runs();
        r.started++;
        if (r.running++ == 0) {
            r.runningSince = now;
        }
        r.lastStart = now;
        return now;
    }

    /**
     * The run that started at {@code start} ended.
     *
     * @param exitCode the process's exit code, or {@code null} for an action that runs no process
     */
    public void runEnded(Instant start, boolean success, Integer exitCode, boolean timeout) {
        Duration took = Duration.between(start, Instant.now());
        synchronized (this) {
            Runs r = runs();
            if (success) {
                r.succeeded++;
            } else {
                r.failed++;
            }
            if (timeout) {
                r.timedOut++;
            }
            r.lastDuration = took;
            r.lastExitCode = exitCode;
            r.lastSuccess = success;
            if (--r.running == 0) {
                r.runningSince = null;
            }
        }
        durationObserver.accept(this, took);
    }

    /** A consistent copy for one report. */
    public synchronized Snapshot snapshot() {
        Runs r = runs == null ? NO_RUNS : runs;
        return new Snapshot(
                description,
                file,
                znode,
                runMode,
                r.updates,
                r.started,
                r.succeeded,
                r.failed,
                r.timedOut,
                r.skippedUnchanged,
                r.running,
                r.runningSince,
                waiting,
                waitingSince,
                r.lastStart,
                r.lastDuration,
                r.lastExitCode,
                r.lastSuccess,
                stoppedSince);
    }

    /** One watch's state at one moment. */
    public record Snapshot(
            String description,
            String file,
            String znode,
            String runMode,
            long updates,
            long started,
            long succeeded,
            long failed,
            long timedOut,
            long skippedUnchanged,
            int running,
            Instant runningSince,
            Waiting waiting,
            Instant waitingSince,
            Instant lastStart,
            Duration lastDuration,
            Integer lastExitCode,
            Boolean lastSuccess,
            Instant stoppedSince) {

        /** Updates that did not start a run of their own: coalesced into another run, or discarded. */
        public long notRun() {
            return Math.max(0, updates - started - skippedUnchanged - (waiting == Waiting.NONE ? 0 : 1));
        }

        /** "idle", "running since ...", "retrying since ...", "stopped (on_failure) since ...", ... */
        public String state() {
            if (stoppedSince != null && running == 0) {
                return "stopped (on_failure=stop_watching) since " + stoppedSince;
            }
            if (running > 0) {
                return "running since " + runningSince + (running > 1 ? " (" + running + " runs)" : "");
            }
            return switch (waiting) {
                case NONE -> "idle";
                case DEBOUNCE -> "pending (debounce) since " + waitingSince;
                case SPLAY -> "pending (splay) since " + waitingSince;
                case FLEET_LEASE -> "waiting for a fleet lease since " + waitingSince;
                case RETRY -> "retrying (waiting for the next attempt) since " + waitingSince;
            };
        }

        /** The last run: "2026-11-29T21:00:00Z, 1.204 s, exit 0", or "never". */
        public String lastRun() {
            if (lastStart == null) {
                return "never";
            }
            if (lastDuration == null || running > 0 && lastSuccess == null) {
                return lastStart + ", running";
            }
            String end = lastExitCode != null ? "exit " + lastExitCode : lastSuccess ? "ok" : "failed";
            return lastStart + ", " + String.format(java.util.Locale.ROOT, "%.3f s", lastDuration.toNanos() / 1e9)
                    + ", " + end;
        }
    }
}
