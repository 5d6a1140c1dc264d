package io.twitcher.plugin.config.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ProcessOutcome;
import io.twitcher.api.RunContext;
import io.twitcher.api.RunResult;
import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.testing.FixedRunContext;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.python.core.PyFunction;

/** How function actions meet the daemon: interrupts, and Exec(...) called from inside a function. */
class FunctionActionTest {
    private static final TwcConfigLoader LOADER = new TwcConfigLoader();

    @AfterAll
    static void closeLoader() {
        LOADER.close();
    }

    @Test
    void anInterruptedSleepEndsTheRunAndKeepsTheInterrupt() throws Exception {
        WatchDefinition w = Twc.load(
                        LOADER,
                        "sleepy.twc",
                        String.join(
                                "\n",
                                "import time",
                                "from java.util.concurrent import CountDownLatch",
                                "started = CountDownLatch(1)",
                                "def slow():",
                                "    started.countDown()",
                                "    time.sleep(60)",
                                "RegisterWatch(znode='/slow', action=slow)"))
                .get(0);
        PyFunction function = (PyFunction) ((PythonAction) w.action().inline()).function();
        CountDownLatch started =
                (CountDownLatch) function.__globals__.__finditem__("started").__tojava__(CountDownLatch.class);
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread worker = new Thread(
                () -> {
                    try {
                        w.action().inline().run(FixedRunContext.of(""));
                        outcome.complete("returned");
                    } catch (InterruptedException e) {
                        outcome.complete(
                                "interrupted, flag " + Thread.currentThread().isInterrupted());
                    } catch (Exception e) {
                        outcome.complete(e.toString());
                    }
                },
                "twitcher-watch-sleepy");
        worker.start();
        assertTrue(started.await(20, TimeUnit.SECONDS));
        worker.interrupt();
        assertEquals("interrupted, flag true", outcome.get(20, TimeUnit.SECONDS));
    }

    @Test
    void execCalledInsideAFunctionRunsThroughTheRunsSupervisor() throws Exception {
        WatchDefinition w = Twc.load(
                        LOADER,
                        "nested.twc",
                        String.join(
                                "\n",
                                "pull = Exec(['git', 'pull'])",
                                "def deploy():",
                                "    if pull() != 0 or Exec('make install')() != 0:",
                                "        raise RuntimeError('deploy failed')",
                                "RegisterWatch(znode='/deploy', action=deploy)"))
                .get(0);
        List<List<String>> started = new CopyOnWriteArrayList<>();

        RunResult result = w.action().inline().run(new RecordingRun(started, 0));

        assertTrue(result.success());
        assertEquals(List.of(List.of("git", "pull"), List.of("/bin/sh", "-c", "make install")), started);
    }

    @Test
    void aFailedExecInsideAFunctionIsSeenByTheFunction() throws Exception {
        WatchDefinition w = Twc.load(
                        LOADER,
                        "nested.twc",
                        String.join(
                                "\n",
                                "def deploy():",
                                "    if Exec(['false'])() != 0:",
                                "        raise RuntimeError('deploy failed')",
                                "RegisterWatch(znode='/deploy', action=deploy)"))
                .get(0);
        PythonActionException e = org.junit.jupiter.api.Assertions.assertThrows(
                PythonActionException.class,
                () -> w.action().inline().run(new RecordingRun(new CopyOnWriteArrayList<>(), 1)));
        assertTrue(e.getMessage().contains("File \"conf/nested.twc\", line 3, in deploy"), e.getMessage());
        assertTrue(e.getMessage().endsWith("RuntimeError: deploy failed"), e.getMessage());
    }

    @Test
    void osExitInAFunctionFailsTheRunInsteadOfEndingTheDaemon() throws Exception {
        WatchDefinition w = Twc.load(
                        LOADER,
                        "quit.twc",
                        String.join(
                                "\n",
                                "import os",
                                "def deploy():",
                                "    os._exit(9)",
                                "RegisterWatch(znode='/deploy', action=deploy)"))
                .get(0);
        PythonActionException e = org.junit.jupiter.api.Assertions.assertThrows(
                PythonActionException.class, () -> w.action().inline().run(FixedRunContext.of("")));
        assertTrue(e.getMessage().contains("File \"conf/quit.twc\", line 3, in deploy"), e.getMessage());
        assertTrue(
                e.getMessage().endsWith("RuntimeError: os._exit() is refused: config code must not end the daemon"),
                e.getMessage());
    }

    @Test
    void sysExitInAFunctionIsTheRunsResultAsInTheOriginalsChild() throws Exception {
        List<WatchDefinition> watches = Twc.load(
                LOADER,
                "exit.twc",
                String.join(
                        "\n",
                        "import sys",
                        "RegisterWatch(znode='/ok', action=lambda: sys.exit(0))",
                        "RegisterWatch(znode='/none', action=lambda: sys.exit())",
                        "RegisterWatch(znode='/three', action=lambda: sys.exit(3))",
                        "RegisterWatch(znode='/text', action=lambda: sys.exit('no deploy today'))"));
        List<RunResult> results = new java.util.ArrayList<>();
        for (WatchDefinition w : watches) {
            results.add(w.action().inline().run(FixedRunContext.of("")));
        }
        assertEquals(
                List.of(
                        RunResult.ok("exited with code 0"),
                        RunResult.ok("exited with code 0"),
                        RunResult.failed("exited with code 3"),
                        RunResult.failed("exited: no deploy today")),
                results);
    }

    /** A run whose processes all exit with {@code exitCode} at once, recording what they would have run. */
    private record RecordingRun(List<List<String>> started, int exitCode) implements RunContext {
        @Override
        public String znode() {
            return "/deploy";
        }

        @Override
        public String description() {
            return "deploy";
        }

        @Override
        public TriggerEvent event() {
            return TriggerEvent.LOAD;
        }

        @Override
        public byte[] data() {
            return new byte[0];
        }

        @Override
        public int version() {
            return 0;
        }

        @Override
        public boolean pipeStdin() {
            return true;
        }

        @Override
        public InputStream stdin() {
            return InputStream.nullInputStream();
        }

        @Override
        public Optional<Duration> timeout() {
            return Optional.empty();
        }

        @Override
        public ProcessOutcome exec(List<String> argv) {
            started.add(List.copyOf(argv));
            return new ProcessOutcome(4242, exitCode, false);
        }
    }
}
