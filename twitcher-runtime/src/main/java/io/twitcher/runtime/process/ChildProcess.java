package io.twitcher.runtime.process;

import static io.twitcher.runtime.process.OutputLog.ACTION;

import io.twitcher.api.ProcessOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import org.slf4j.MDC;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One running child: feeds its stdin and pumps its output on I/O threads, enforces its timeout on the shared timer,
 * and when the JDK has reaped it logs the exit line and completes {@link #outcome}. Every path ends in that
 * completion, so awaiting is never needed for the child to be reaped and logged.
 */
final class ChildProcess implements SupervisedProcess {
    static final int SIGTERM = 15;
    static final int SIGKILL = 9;
    // How long output may stay open after the child exited (a background process holding the pipe) before the run
    // is reported done anyway.
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    private final Process process;
    private final long pid;
    private final String description;
    private final String prefix;
    private final Duration killDelay;
    private final ScheduledExecutorService timer;
    private final Set<ChildProcess> killPending;
    private final OutputLog output;
    private final CompletableFuture<ProcessOutcome> outcome = new CompletableFuture<>();
    private final AtomicBoolean killScheduled = new AtomicBoolean();
    private volatile boolean timedOut;
    private volatile ScheduledFuture<?> timeoutTask;

    /** @param killPending where this child waits between SIGTERM and SIGKILL, so that close() can hurry it */
    ChildProcess(Process process, String description, Duration killDelay,
            ScheduledExecutorService timer, Set<ChildProcess> killPending) {
        this.process = process;
        this.pid = process.pid();
        this.description = description;
        this.prefix = description + " (" + pid + ")";
        this.killDelay = killDelay;
        this.timer = timer;
        this.killPending = killPending;
        this.output = new OutputLog(prefix);
    }

    /** Starts stdin, output and timeout handling; {@code onDone} runs just before the outcome completes. */
    void begin(byte[] stdin, Duration timeout, Executor pool, Consumer<ChildProcess> onDone) {
        // The output, exit and timeout lines belong to the run that started the child: they carry its MDC.
        Map<String, String> context = MDC.getCopyOfContextMap();
        Executor io = task -> pool.execute(withContext(context, task));
        CompletableFuture<Void> out = CompletableFuture.runAsync(() -> output.pump(process.getInputStream(), false),
                io);
        CompletableFuture<Void> err = CompletableFuture.runAsync(() -> output.pump(process.getErrorStream(), true),
                io);
        feedStdin(stdin, io);
        if (timeout != null) {
            timeoutTask = timer.schedule(withContext(context, () -> onTimeout(timeout)), timeout.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        // A waiter of our own rather than onExit(): that one completes on the common pool, which others may starve.
        io.execute(() -> {
            waitForExit();
            finish(CompletableFuture.allOf(out, err), onDone);
        });
    }

    private static Runnable withContext(Map<String, String> context, Runnable task) {
        if (context == null) {
            return task;
        }
        return () -> {
            MDC.setContextMap(context);
            try {
                task.run();
            } finally {
                MDC.clear();
            }
        };
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

    void sendTerm() {
        // Before setsid has run in the child its group does not exist yet: signal the child itself then.
        if (!Posix.get().killGroup(pid, SIGTERM) && process.isAlive()) {
            process.destroy();
        }
    }

    /** SIGKILL to the group if any member lives, and to the child if it is somehow outside it. */
    void kill() {
        killPending.remove(this);
        if (Posix.get().groupAlive(pid)) {
            if (process.isAlive()) {
                ACTION.warn("Process \"{}\" ({}) still running after SIGTERM; sending SIGKILL to its process group",
                        description, pid);
            } else {
                // Often only orphans that init has not reaped yet: nothing worth a warning.
                ACTION.debug("Process group of \"{}\" ({}) outlived its leader; sending SIGKILL", description, pid);
            }
            Posix.get().killGroup(pid, SIGKILL);
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void onTimeout(Duration timeout) {
        if (process.isAlive()) {
            timedOut = true;
            ACTION.warn("Process \"{}\" ({}) timed out after {} s; sending SIGTERM to its process group", description,
                    pid, BigDecimal.valueOf(timeout.toMillis(), 3).setScale(1, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
            terminate();
        }
    }

    private void waitForExit() {
        while (true) {
            try {
                process.waitFor();
                return;
            } catch (InterruptedException e) {
                // only shutdownNow() interrupts the pool, and the child must be reaped and logged all the same
            }
        }
    }

    private void feedStdin(byte[] data, Executor io) {
        OutputStream stdin = process.getOutputStream();
        if (data == null || data.length == 0) {
            closeQuietly(stdin);
            return;
        }
        io.execute(() -> {
            try (stdin) {
                stdin.write(data);
            } catch (IOException e) {
                // EPIPE: the child exited or closed its stdin without reading everything; its business.
                ACTION.debug("{} did not read all of its standard input: {}", prefix, e.getMessage());
            }
        });
    }

    private void finish(CompletableFuture<Void> pumps, Consumer<ChildProcess> onDone) {
        ProcessOutcome result = new ProcessOutcome(pid, -1, timedOut);
        try {
            ScheduledFuture<?> task = timeoutTask;
            if (task != null) {
                task.cancel(false);
            }
            result = new ProcessOutcome(pid, process.exitValue(), timedOut);
            if (drained(pumps)) {
                output.logNotLogged();
            } else {
                ACTION.info("{}: output still held open by a background process after exit; its lines are logged "
                        + "as they come", prefix);
                pumps.thenRun(output::logNotLogged);
            }
            String line = "Process \"" + description + "\" (" + pid + ") " + result.describe();
            if (result.exitCode() == 0) {
                ACTION.info(line);
            } else {
                ACTION.warn(line);
            }
        } finally {
            onDone.accept(this);
            outcome.complete(result);
        }
    }

    private static boolean drained(CompletableFuture<Void> pumps) {
        try {
            pumps.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // nothing was written; a close error changes nothing
        }
    }
}
