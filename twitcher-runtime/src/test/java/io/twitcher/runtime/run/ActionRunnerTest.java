package io.twitcher.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.twitcher.api.Action;
import io.twitcher.api.ActionSpec;
import io.twitcher.api.RunResult;
import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchDefinition;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The timeout of an in-process action never reaches a later run on the same pooled thread. */
class ActionRunnerTest {

    @Test
    void aTimeoutThatFiresAsTheRunEndsNeverInterruptsTheNextRun() throws Exception {
        CountDownLatch timeoutFiring = new CountDownLatch(1);
        CountDownLatch letTimeoutGoOn = new CountDownLatch(1);
        // Holds the timeout task inside its log call: the task has started, so cancel() can no longer stop it.
        UnsynchronizedAppenderBase<ILoggingEvent> gate = new UnsynchronizedAppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                if (e.getFormattedMessage().contains("timed out")) {
                    timeoutFiring.countDown();
                    try {
                        letTimeoutGoOn.await();
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        Logger runLog = (Logger) LoggerFactory.getLogger("io.twitcher.run");
        gate.setContext(runLog.getLoggerContext());
        gate.start();
        runLog.addAppender(gate);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        ExecutorService pooled = Executors.newSingleThreadExecutor();
        try {
            Action first = context -> {
                timeoutFiring.await();
                return RunResult.ok("done");
            };
            AtomicReference<String> seen = new AtomicReference<>();
            Action second = context -> {
                seen.set(Thread.currentThread().isInterrupted() ? "interrupted" : "clean");
                return RunResult.ok("done");
            };
            ActionRunner runner1 = runner(first, timers);
            ActionRunner runner2 = runner(second, timers);
            // Two runs on one pooled thread within one task, as a dispatcher's loop does them.
            pooled.submit(() -> {
                runner1.run(TriggerEvent.CHANGED, snapshot(), new RunControl());
                letTimeoutGoOn.countDown();
                Future<?> timeoutDone = timers.submit(() -> { });
                while (!timeoutDone.isDone()) {
                    Thread.onSpinWait(); // not interruptible: a stray interrupt stays for the next run to see
                }
                runner2.run(TriggerEvent.CHANGED, snapshot(), new RunControl());
                return null;
            }).get(30, TimeUnit.SECONDS);
            assertEquals("clean", seen.get());
        } finally {
            letTimeoutGoOn.countDown();
            runLog.detachAppender(gate);
            pooled.shutdownNow();
            timers.shutdownNow();
        }
    }

    private static ActionRunner runner(Action action, ScheduledExecutorService timers) throws Exception {
        WatchDefinition d = WatchDefinition.builder().znode("/t").action(ActionSpec.inline("test", action))
                .description("late-timeout").timeoutSeconds(0.05).build();
        return new ActionRunner(d, action, null, timers);
    }

    private static NodeSnapshot snapshot() {
        return new NodeSnapshot(true, new byte[0], 1, 1);
    }
}
