package io.twitcher.runtime.process;

import static io.twitcher.runtime.process.OutputLog.ACTION;

import io.twitcher.api.ProcessOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.MDC;

/**
 * One running child: feeds its stdin and pumps its output on I/O threads ({@link ChildIo}), enforces its timeout on
 * the shared timer, reaps it, logs the exit line and completes {@link #outcome}. Every path ends in that completion,
 * so awaiting is never needed for the child to be reaped and logged. Processes the child left in its process group
 * are tracked until the group is empty ({@link LeftoverGroup}): the run's timeout and the supervisor's close still
 * reach them.
 */
final class ChildProcess implements SupervisedProcess {
    static final int SIGTERM = 15;
    static final int SIGKILL = 9;

    private final Spawned process;
    private final long pid;
    private final String description;
    private final String prefix;
    private final Duration killDelay;
    private final ScheduledExecutorService timer;
    private final Set<ChildProcess> killPending;
    private final ChildIo streams;
    private final LeftoverGroup group;
    private final CompletableFuture<ProcessOutcome> outcome = new CompletableFuture<>();
    private final AtomicBoolean killScheduled = new AtomicBoolean();
    private volatile boolean timedOut;
    private volatile ScheduledFuture<?> timeoutTask;

    /** @param killPending where this child waits between SIGTERM and SIGKILL, so that close() can hurry it */
    ChildProcess(
            Spawned process,
            String description,
            Duration killDelay,
            ScheduledExecutorService timer,
            Set<ChildProcess> killPending) {
        this.process = process;
        this.pid = process.pid();
        this.description = description;
        this.prefix = description + " (" + pid + ")";
        this.killDelay = killDelay;
        this.timer = timer;
        this.killPending = killPending;
        this.streams = new ChildIo(process, prefix);
        this.group = new LeftoverGroup(pid, description, timer, this::cancelTimeout);
    }

    /**
     * Starts stdin, output and timeout handling; {@code onStarted} runs once the child has its (small) stdin, before
     * anything else is set up; {@code onIoDone} runs once the child has exited and every task it gave {@code pool} has
     * ended (on the thread of the last one, as its last act), {@code onGroupGone} once no process of the group is left.
     */
    void begin(
            byte[] stdin,
            Duration timeout,
            Executor pool,
            Runnable onStarted,
            Consumer<ChildProcess> onIoDone,
            Consumer<ChildProcess> onGroupGone) {
        group.gone().thenRun(() -> onGroupGone.accept(this));
        // The output, exit and timeout lines belong to the run that started the child: they carry its MDC.
        Map<String, String> context = MDC.getCopyOfContextMap();
        Executor io = task -> pool.execute(MdcTasks.withContext(context, task));
        // The child may be waiting for its input: that comes first, logging and the other threads' set-up after.
        CompletableFuture<Void> fed = streams.feedStdin(stdin, io);
        onStarted.run();
        CompletableFuture<Void> pumps = streams.pump(io);
        if (timeout != null) {
            timeoutTask = timer.schedule(
                    MdcTasks.withContext(context, () -> onTimeout(timeout)), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        // The reaper of this child: a waitpid on its pid, never on -1, so the JDK's own children stay the JDK's.
        CompletableFuture<Void> reaped = CompletableFuture.runAsync(() -> finish(process.waitFor(), pumps), io);
        CompletableFuture.allOf(fed, pumps, reaped).whenComplete((r, t) -> onIoDone.accept(this));
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public void signalGroup(int signal) {
        Posix.get().killGroup(pid, signal);
    }

    @Override
    public void terminate() {
        sendTerm();
        if (killScheduled.compareAndSet(false, true)) {
            killPending.add(this);
            try {
                timer.schedule(this::kill, killDelay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                kill(); // the supervisor is closed and its timer gone: no grace left
            }
        }
    }

    @Override
    public ProcessOutcome await() throws InterruptedException {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            terminate();
            awaitUninterruptibly();
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("supervising " + prefix + " failed", e.getCause());
        }
    }

    /** Whether the child itself (not its group) has not exited yet. */
    boolean isAlive() {
        return process.isAlive();
    }

    boolean isDone() {
        return outcome.isDone();
    }

    CompletableFuture<ProcessOutcome> outcome() {
        return outcome;
    }

    String prefix() {
        return prefix;
    }

    /** Done with: exited, and nothing left in its group. */
    boolean isSettled() {
        return outcome.isDone() && group.isGone();
    }

    CompletableFuture<Void> settled() {
        return outcome.thenCombine(group.gone(), (o, g) -> null);
    }

    void sendTerm() {
        // Behind the setsid fallback the group does not exist until setsid ran: signal the child itself then.
        if (!Posix.get().killGroup(pid, SIGTERM)) {
            process.signal(SIGTERM);
        }
    }

    /** SIGKILL to the group if any member lives, and to the child if it is somehow outside it. */
    void kill() {
        killPending.remove(this);
        if (Posix.get().groupAlive(pid)) {
            if (process.isAlive()) {
                ACTION.warn(
                        "Process \"{}\" ({}) still running after SIGTERM; sending SIGKILL to its process group",
                        description,
                        pid);
            } else {
                // Often only orphans that init has not reaped yet: nothing worth a warning.
                ACTION.debug("Process group of \"{}\" ({}) outlived its leader; sending SIGKILL", description, pid);
            }
            Posix.get().killGroup(pid, SIGKILL);
        }
        process.signal(SIGKILL);
    }

    private void onTimeout(Duration timeout) {
        String seconds = BigDecimal.valueOf(timeout.toMillis(), 3)
                .setScale(1, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
        if (process.isAlive()) {
            timedOut = true;
            ACTION.warn(
                    "Process \"{}\" ({}) timed out after {} s; sending SIGTERM to its process group",
                    description,
                    pid,
                    seconds);
            terminate();
        } else if (!group.isGone()) {
            ACTION.warn(
                    "Processes left behind by \"{}\" ({}) still run at the run's timeout of {} s; sending SIGTERM "
                            + "to its process group",
                    description,
                    pid,
                    seconds);
            terminate();
        }
    }

    /** Checks now whether the group is empty; true when it is. */
    boolean checkGroupGone() {
        return group.checkGone(outcome::isDone);
    }

    private boolean timeoutPending() {
        ScheduledFuture<?> task = timeoutTask;
        return task != null && !task.isDone() && !timedOut;
    }

    private void cancelTimeout() {
        ScheduledFuture<?> task = timeoutTask;
        if (task != null) {
            task.cancel(false);
        }
    }

    private void finish(Spawned.ExitStatus status, CompletableFuture<Void> pumps) {
        ProcessOutcome result = new ProcessOutcome(pid, -1, timedOut);
        try {
            result = new ProcessOutcome(pid, status.exitCode(), status.signal(), timedOut);
            streams.afterExit(pumps);
            String line = "Process \"" + description + "\" (" + pid + ") " + result.describe();
            if (result.exitCode() == 0) {
                ACTION.info(line);
            } else {
                ACTION.warn(line);
            }
            group.track(this::timeoutPending);
        } finally {
            outcome.complete(result);
        }
    }

    private void awaitUninterruptibly() {
        while (true) {
            try {
                outcome.get();
                return;
            } catch (InterruptedException again) {
                // already terminating: keep waiting for the exit, the caller gets one InterruptedException
            } catch (ExecutionException e) {
                return;
            }
        }
    }
}
