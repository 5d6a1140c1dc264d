package io.twitcher.runtime.run;

import io.twitcher.api.Action;
import io.twitcher.api.RunResult;
import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.process.ProcessSupervisor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one watch's action once, whatever its kind: names the thread after the watch, gives the run an id in the log
 * context, builds the run's context, owns the run's deadline (a process the run has started gets what is left of it
 * from the supervisor; a run with no process running at the deadline is interrupted) and logs one line when the run
 * ends, with its duration. Every failure ends here, logged with the watch's description; nothing propagates to the
 * dispatcher.
 */
public final class ActionRunner implements Runner {
    private static final Logger LOG = LoggerFactory.getLogger("io.twitcher.run");
    /** The MDC key of a run's log lines: {@code <description>#<run id>}, on every thread that logs for the run. */
    public static final String MDC_RUN = "run";

    private static final AtomicLong RUN_IDS = new AtomicLong();

    private final WatchDefinition definition;
    private final Action action;
    private final ProcessSupervisor supervisor;
    private final ScheduledExecutorService timers;

    public ActionRunner(
            WatchDefinition definition, Action action, ProcessSupervisor supervisor, ScheduledExecutorService timers) {
        this.definition = definition;
        this.action = action;
        this.supervisor = supervisor;
        this.timers = timers;
    }

    private static String round(double seconds) {
        return java.math.BigDecimal.valueOf(seconds)
                .setScale(3, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    @Override
    public boolean run(TriggerEvent event, NodeSnapshot snapshot, RunControl control) {
        Thread thread = Thread.currentThread();
        String oldName = thread.getName();
        thread.setName("twitcher-watch-" + definition.description());
        MDC.put(MDC_RUN, definition.description() + "#" + RUN_IDS.incrementAndGet());
        ScheduledFuture<?> timeout = null;
        TimeoutGuard guard = new TimeoutGuard(thread);
        long started = System.nanoTime();
        if (LOG.isDebugEnabled()) {
            // When the run began, for a reader that needs it (with -d, or the fault suite): at INFO nothing is written
            // before the spawn.
            LOG.debug(
                    "Run begins: {} ({} {}, version {})",
                    definition.description(),
                    event.envValue(),
                    definition.znode(),
                    snapshot.version());
        }
        // The run's first line at INFO: for an action that starts a process, once the process exists (nothing that
        // can wait is done before the spawn); otherwise, and when no process was started, before anything else.
        Once executing = new Once(() -> LOG.info(
                "Executing process: {} ({} {}, version {})",
                definition.description(),
                event.envValue(),
                definition.znode(),
                snapshot.version()));
        try {
            if (!action.runsProcess()) {
                executing.run();
            }
            Long deadline = null;
            if (definition.timeout() != null) {
                deadline = started + definition.timeout().toNanos();
                timeout = timers.schedule(
                        () -> control.expire(guard, definition),
                        definition.timeout().toNanos(),
                        TimeUnit.NANOSECONDS);
            }
            RunResult result;
            try {
                result = action.run(new SupervisedRunContext(
                        definition, event, snapshot, supervisor, control, deadline, executing));
            } finally {
                executing.run();
            }
            control.ended(result);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (result.success()) {
                LOG.info(
                        "Run of \"{}\" ended after {} s: {}",
                        definition.description(),
                        round(seconds),
                        result.detail());
            } else {
                LOG.warn(
                        "Run of \"{}\" failed after {} s: {}",
                        definition.description(),
                        round(seconds),
                        result.detail());
            }
            return result.success();
        } catch (InterruptedException e) {
            LOG.warn("Action \"{}\" was interrupted (timeout or shutdown)", definition.description());
            control.ended(RunResult.failed("interrupted"));
            return false;
        } catch (Exception | Error e) {
            // Errors too (an AssertionError, a StackOverflowError in a script): the watch must stay armed, and the
            // operator must read why, also under --daemonize where nothing reads standard error.
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            LOG.error("Action \"{}\" failed: {}", definition.description(), message);
            control.ended(RunResult.failed(message));
            LOG.debug("Action \"{}\" failure detail", definition.description(), e);
            return false;
        } finally {
            if (timeout != null) {
                timeout.cancel(false);
            }
            // A timeout task already running when cancel() came either interrupted us by now or never will: the
            // pooled thread must not carry an interrupt on into the next run.
            guard.finish();
            Thread.interrupted();
            thread.setName(oldName);
            MDC.remove(MDC_RUN);
        }
    }

    /** Runs its task the first time it is run, from whichever thread, and never again. */
    static final class Once implements Runnable {
        private final AtomicReference<Runnable> task;

        Once(Runnable task) {
            this.task = new AtomicReference<>(task);
        }

        @Override
        public void run() {
            Runnable first = task.getAndSet(null);
            if (first != null) {
                first.run();
            }
        }
    }

    /** Lets a timeout interrupt its run only while the run is still in progress. */
    static final class TimeoutGuard {
        private final Thread thread;
        private boolean finished;

        TimeoutGuard(Thread thread) {
            this.thread = thread;
        }

        synchronized boolean running() {
            return !finished;
        }

        synchronized void interrupt() {
            if (!finished) {
                thread.interrupt();
            }
        }

        synchronized void finish() {
            finished = true;
        }
    }
}
