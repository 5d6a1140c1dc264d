package io.twitcher.runtime.status;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What one active watch is doing and how its runs ended, for {@code twitcher status} and {@code /metrics}. The
 * components on a run's path report into it (the fleet gate, the runner); readers take a {@link #snapshot()}.
 * Thread-safe: every field is atomic or volatile, and reports come from the reader, timer and worker threads.
 */
public final class WatchState {
    /** What a watch waits for, when it waits. */
    public enum Waiting { NONE, DEBOUNCE, SPLAY, FLEET_LEASE, RETRY }

    private final String description;
    private final String file;
    private final String znode;
    private final String runMode;
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong skippedUnchanged = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private volatile Instant runningSince;
    private volatile Waiting waiting = Waiting.NONE;
    private volatile Instant waitingSince;
    private volatile Instant lastStart;
    private volatile Duration lastDuration;
    private volatile Integer lastExitCode;
    private volatile Boolean lastSuccess;
    private volatile Consumer<Duration> durationObserver = d -> { };
    private volatile Instant stoppedSince;

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

    /** Where each finished run's duration goes as well (the metrics' histogram). */
    public void observeDurations(Consumer<Duration> observer) {
        this.durationObserver = observer;
    }

    /** An update (or the load read) reached the watch. */
    public void updateSeen() {
        updates.incrementAndGet();
    }

    /** The watch now waits for {@code what} ({@link Waiting#NONE}: no longer). */
    public void waiting(Waiting what) {
        waitingSince = what == Waiting.NONE ? null : Instant.now();
        waiting = what;
    }

    /** Its on_failure=stop_watching policy stopped the watch: it stays listed, stopped, until reloaded. */
    public void stoppedByPolicy() {
        stoppedSince = Instant.now();
    }

    /** The load run was skipped: the node did not change since the last successful run. */
    public void skippedUnchanged() {
        skippedUnchanged.incrementAndGet();
    }

    /** A run starts now; returns its start time. */
    public Instant runStarted() {
        Instant now = Instant.now();
        started.incrementAndGet();
        if (running.getAndIncrement() == 0) {
            runningSince = now;
        }
        lastStart = now;
        return now;
    }

    /**
     * The run that started at {@code start} ended.
     *
     * @param exitCode the process's exit code, or {@code null} for an action that runs no process
     */
    public void runEnded(Instant start, boolean success, Integer exitCode, boolean timeout) {
        Duration took = Duration.between(start, Instant.now());
        (success ? succeeded : failed).incrementAndGet();
        if (timeout) {
            timedOut.incrementAndGet();
        }
        lastDuration = took;
        lastExitCode = exitCode;
        lastSuccess = success;
        if (running.decrementAndGet() == 0) {
            runningSince = null;
        }
        durationObserver.accept(took);
    }

    /** A consistent-enough copy for one report. */
    public Snapshot snapshot() {
        return new Snapshot(description, file, znode, runMode, updates.get(), started.get(), succeeded.get(),
                failed.get(), timedOut.get(), skippedUnchanged.get(), running.get(), runningSince, waiting,
                waitingSince, lastStart, lastDuration, lastExitCode, lastSuccess, stoppedSince);
    }

    /** One watch's state at one moment. */
    public record Snapshot(String description, String file, String znode, String runMode, long updates, long started,
                           long succeeded, long failed, long timedOut, long skippedUnchanged, int running,
                           Instant runningSince, Waiting waiting, Instant waitingSince, Instant lastStart,
                           Duration lastDuration, Integer lastExitCode, Boolean lastSuccess,
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
