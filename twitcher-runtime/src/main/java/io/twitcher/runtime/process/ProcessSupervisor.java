package io.twitcher.runtime.process;

import io.twitcher.runtime.lifecycle.Lifecycle;
import io.twitcher.runtime.lifecycle.NamedThreads;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and supervises action processes: each in its own session and process group (posix_spawn with
 * POSIX_SPAWN_SETSID, or util-linux {@code setsid} where glibc cannot), as the requested user (util-linux
 * {@code setpriv}, only when a uid or gid is given), in its environment ({@link ActionEnvironment}), at most
 * {@code maxRunning} at once, with its output logged and its timeout enforced; {@link #close()} terminates whatever
 * still runs, leftovers of exited actions included. Owns one timer thread and a pool of at most 4 I/O threads per
 * {@code maxRunning} ({@link IoPool}); a child holds its slot until its exit and the end of its output. Thread-safe.
 */
public final class ProcessSupervisor implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessSupervisor.class);
    // After SIGKILL a process ends at once unless stuck in the kernel (D state); don't hang shutdown on that.
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);
    private static final long GROUP_POLL_MS = 50;

    private final Duration killDelay;
    /** The default of {@code --max_running}. */
    public static final int DEFAULT_MAX_RUNNING = 64;

    private final Tool setsid = Tool.locate("setsid");
    private final Tool setpriv = Tool.locate("setpriv");
    private final ActionEnvironment environment = new ActionEnvironment(System.getenv());
    private final RunSlots slots;
    private final boolean nativeSpawn;
    private final ScheduledExecutorService timer;
    private final IoPool io;
    private final Set<ChildProcess> live = ConcurrentHashMap.newKeySet();
    private final Set<ChildProcess> killPending = ConcurrentHashMap.newKeySet();
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private final Lifecycle lifecycle = Lifecycle.started("process supervisor");

    /** The delay between SIGTERM and SIGKILL of a run's timeout. */
    public static final Duration DEFAULT_KILL_DELAY = Duration.ofSeconds(5);

    /** A supervisor with a 5 s delay between SIGTERM and SIGKILL. */
    public ProcessSupervisor() {
        this(DEFAULT_KILL_DELAY);
    }

    /**
     * A supervisor that sends SIGKILL {@code killDelay} after SIGTERM (timeouts, {@link SupervisedProcess#terminate},
     * {@link #close}).
     */
    public ProcessSupervisor(Duration killDelay) {
        this(killDelay, DEFAULT_MAX_RUNNING);
    }

    /**
     * A supervisor that sends SIGKILL {@code killDelay} after SIGTERM and runs at most {@code maxRunning} action
     * processes at once (further starts wait in line).
     */
    public ProcessSupervisor(Duration killDelay, int maxRunning) {
        this(killDelay, maxRunning, true);
    }

    /** @param nativeSpawn false: always the setsid fallback (what a glibc older than 2.34 gets), for tests */
    ProcessSupervisor(Duration killDelay, int maxRunning, boolean nativeSpawn) {
        this.nativeSpawn = nativeSpawn;
        if (killDelay.isNegative()) {
            throw new IllegalArgumentException("killDelay must not be negative");
        }
        this.killDelay = killDelay;
        this.slots = new RunSlots(maxRunning);
        this.io = new IoPool(maxRunning);
        // loading jffi and libc's functions takes CPU: not at the first run (the daemon's main started it: EarlyStart)
        NativeSpawn.warmUp();
        ScheduledThreadPoolExecutor executor =
                new ScheduledThreadPoolExecutor(1, NamedThreads.numbered("twitcher-process-timer"));
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /** As {@link #start(ProcessRequest, Runnable)}, with nothing to run once the child exists. */
    public SupervisedProcess start(ProcessRequest request) throws IOException, InterruptedException {
        return start(request, () -> {});
    }

    /**
     * Starts a child and returns at once: stdin is written, output logged and the timeout enforced in the background.
     * Waits first, in line, while {@code maxRunning} action processes run. Runs {@code afterSpawn} on this thread once
     * the child exists (what can wait, a run's first log line, does not delay the spawn), then logs
     * {@code Process "<description>" (<pid>) started [as uid U, gid G]} at INFO on {@code io.twitcher.action}; logs
     * nothing and runs nothing when it throws (the caller reports the failure).
     *
     * @throws IOException          with a one-sentence message when nothing was started: program not found, unknown
     *                              user or group, setsid/setpriv missing, fork failed, or the supervisor is closed
     * @throws InterruptedException when interrupted while waiting for a free slot; nothing was started
     */
    public SupervisedProcess start(ProcessRequest request, Runnable afterSpawn)
            throws IOException, InterruptedException {
        Objects.requireNonNull(request, "request");
        slots.acquire(request.description());
        boolean started = false;
        closing.readLock().lock();
        try {
            if (lifecycle.isClosed()) {
                throw new IOException(
                        "the daemon is shutting down, so \"" + request.description() + "\" was not started");
            }
            // Native calls are set up on first need (a uid, a signal), not at start-up: it takes a few hundred ms.
            RunAs runAs = request.user() == null && request.group() == null
                    ? null
                    : RunAs.resolve(request.user(), request.group(), Posix.get());
            Map<String, String> env = environment.build(request.extraEnv(), runAs, request.user() != null);
            Path program = Executables.find(request.argv().get(0), env);
            boolean switches = runAs != null && runAs.switches();
            List<String> command = request.argv();
            if (switches) {
                command = new ArrayList<>(List.of(setpriv.path().toString()));
                command.addAll(runAs.setprivOptions());
                command.addAll(request.argv());
            }
            boolean pipeStdin = request.stdin() != null && request.stdin().length > 0;
            Spawned spawned;
            try {
                NativeSpawn spawn = nativeSpawn ? NativeSpawn.get() : null;
                if (spawn != null) {
                    spawned = NativeSpawned.start(
                            spawn,
                            switches ? command.get(0) : program.toString(),
                            command,
                            environment.envp(env),
                            pipeStdin);
                } else {
                    List<String> withSetsid =
                            new ArrayList<>(List.of(setsid.path().toString(), "--"));
                    withSetsid.addAll(command);
                    spawned = JdkSpawned.start(withSetsid, env, pipeStdin);
                }
            } catch (IOException e) {
                throw new IOException("could not start \"" + request.description() + "\": " + e.getMessage(), e);
            }
            ChildProcess child = new ChildProcess(spawned, request.description(), killDelay, timer, killPending);
            live.add(child);
            started = true;
            afterSpawn.run();
            String as = switches ? " as uid " + runAs.uid() + ", gid " + runAs.gid() : "";
            child.begin(
                    request.stdin(),
                    request.timeout(),
                    this::runIo,
                    () -> OutputLog.ACTION.info(
                            "Process \"{}\" ({}) started{}", request.description(), child.pid(), as),
                    // The slot comes back once the child's I/O threads are done too: that bounds the I/O pool.
                    c -> slots.release(),
                    live::remove);
            return child;
        } finally {
            closing.readLock().unlock();
            if (!started) {
                slots.release();
            }
        }
    }

    /**
     * SIGTERM to every running process group, SIGKILL to the groups still alive after {@code grace}, then waits until
     * every child has been reaped and logged (giving up, with an error, on one stuck 10 s after SIGKILL).
     */
    public void terminateAll(Duration grace) {
        List<ChildProcess> children = List.copyOf(live);
        if (children.isEmpty()) {
            return;
        }
        LOG.info("Terminating {} action process group(s)", children.size());
        children.forEach(ChildProcess::sendTerm);
        long deadline = System.nanoTime() + grace.toNanos();
        boolean interrupted = awaitAll(children, deadline);
        for (ChildProcess child : children) {
            if (!child.checkGroupGone()) {
                child.kill(); // the group may outlive its leader: kill() checks the group, not the child
            }
        }
        interrupted |= awaitAll(children, System.nanoTime() + AFTER_KILL.toNanos());
        children.stream()
                .filter(c -> !c.isDone())
                .forEach(c -> LOG.error("Process {} did not end after SIGKILL", c.prefix()));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The most I/O threads this supervisor may have ({@link IoPool}). */
    int ioThreadLimit() {
        return io.maximumThreads();
    }

    /** The most I/O threads this supervisor has had at once. */
    int largestIoThreads() {
        return io.largestThreads();
    }

    /** The number of children that have not exited yet. */
    public int running() {
        return (int) live.stream().filter(ChildProcess::isAlive).count();
    }

    /**
     * Refuses further starts, terminates every running group ({@link #terminateAll} with the kill delay), stops the
     * threads. Idempotent.
     */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (!lifecycle.close()) {
                return;
            }
        } finally {
            closing.writeLock().unlock();
        }
        slots.openAll();
        // A group already terminated and waiting for its SIGKILL has had its SIGTERM: it gets the SIGKILL now.
        List.copyOf(killPending).forEach(ChildProcess::kill);
        terminateAll(killDelay);
        timer.shutdownNow();
        List.copyOf(killPending).forEach(ChildProcess::kill);
        io.shutdown(); // pumps still reading a pipe held by an escaped process end with it; the threads are daemons
    }

    /** Runs an I/O task on the pool, or, once close() has stopped it, on a thread of its own (a late exit). */
    private void runIo(Runnable task) {
        try {
            io.execute(task);
        } catch (RejectedExecutionException e) {
            NamedThreads.numbered("twitcher-process-late").newThread(task).start();
        }
    }

    /**
     * Waits until every child has exited and left nothing in its group, or {@code deadline}; returns whether the
     * thread was interrupted.
     */
    private static boolean awaitAll(List<ChildProcess> children, long deadline) {
        boolean interrupted = false;
        for (ChildProcess child : children) {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    child.outcome().get(left, TimeUnit.NANOSECONDS);
                    // leftovers: the group is polled here rather than waiting for the tracker's next round
                    if (child.checkGroupGone()) {
                        break;
                    }
                    Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, GROUP_POLL_MS));
                } catch (InterruptedException e) {
                    interrupted = true; // shutting down anyway: finish the job, restore the flag afterwards
                } catch (TimeoutException | ExecutionException e) {
                    break;
                }
            }
        }
        return interrupted;
    }

    /** A util-linux program found once on the daemon's PATH, or why it could not be. */
    private record Tool(Path found, String error) {
        static Tool locate(String name) {
            try {
                return new Tool(Executables.findTool(name), null);
            } catch (IOException e) {
                return new Tool(null, e.getMessage());
            }
        }

        Path path() throws IOException {
            if (found == null) {
                throw new IOException(error);
            }
            return found;
        }
    }
}
