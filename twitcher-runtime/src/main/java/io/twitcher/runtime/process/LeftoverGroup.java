package io.twitcher.runtime.process;

import static io.twitcher.runtime.process.OutputLog.ACTION;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The process group a {@link ChildProcess} leads, after the leader's exit: counts what the child left in it, warns
 * about it, and checks on the shared timer until the group is empty; {@link #gone} completes then.
 */
final class LeftoverGroup {
    // How often a group whose leader exited is checked for being empty.
    private static final Duration GROUP_CHECK = Duration.ofSeconds(1);

    private final long pid;
    private final String description;
    private final ScheduledExecutorService timer;
    private final Runnable beforeGone;
    private final CompletableFuture<Void> gone = new CompletableFuture<>();
    private volatile ScheduledFuture<?> groupCheck;

    /** @param beforeGone runs just before {@link #gone} completes (the child cancels its timeout there) */
    LeftoverGroup(long pid, String description, ScheduledExecutorService timer, Runnable beforeGone) {
        this.pid = pid;
        this.description = description;
        this.timer = timer;
        this.beforeGone = beforeGone;
    }

    CompletableFuture<Void> gone() {
        return gone;
    }

    boolean isGone() {
        return gone.isDone();
    }

    /**
     * After the leader's exit: counts what it left in its group and tracks that until the group is empty;
     * {@code timeoutPending} says whether the run's timeout may still reach the leftovers.
     */
    void track(BooleanSupplier timeoutPending) {
        int left = ProcessGroups.liveMembers(pid);
        if (left == 0) {
            markGone();
            return;
        }
        ACTION.warn(
                "Process \"{}\" ({}) left {} behind in its process group; {} killed when {}",
                description,
                pid,
                left == 1 ? "1 process" : left + " processes",
                left == 1 ? "it is" : "they are",
                timeoutPending.getAsBoolean() ? "the run's timeout expires or the daemon stops" : "the daemon stops");
        try {
            groupCheck = timer.scheduleWithFixedDelay(
                    () -> {
                        if (ProcessGroups.liveMembers(pid) == 0) {
                            markGone();
                        }
                    },
                    GROUP_CHECK.toNanos(),
                    GROUP_CHECK.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the supervisor is closing: its terminateAll() kills the group
        }
    }

    /** Checks now whether the group is empty, once the leader is done; true when it is. */
    boolean checkGone(BooleanSupplier leaderDone) {
        if (!gone.isDone() && leaderDone.getAsBoolean() && ProcessGroups.liveMembers(pid) == 0) {
            markGone();
        }
        return gone.isDone();
    }

    private void markGone() {
        ScheduledFuture<?> check = groupCheck;
        if (check != null) {
            check.cancel(false);
        }
        beforeGone.run();
        gone.complete(null);
    }
}
