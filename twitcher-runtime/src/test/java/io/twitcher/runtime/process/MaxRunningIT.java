package io.twitcher.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Issue 9's --max_running: at most N action processes at once; further starts wait in order and say so at DEBUG. */
class MaxRunningIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final ActionLogCapture log = new ActionLogCapture();
    private final Logger action = (Logger) LoggerFactory.getLogger("io.twitcher.action");
    private Level level;
    private ProcessSupervisor supervisor;

    @BeforeEach
    void setUp() {
        level = action.getLevel();
        action.setLevel(Level.DEBUG);
        log.start();
        supervisor = new ProcessSupervisor(Duration.ofSeconds(1), 1);
    }

    @AfterEach
    void tearDown() {
        supervisor.close();
        log.stop();
        action.setLevel(level);
    }

    @Test
    void startsBeyondTheCapWaitInOrderUntilAProcessExits() throws Exception {
        Path release = dir.resolve("release");
        SupervisedProcess first = supervisor.start(
                ProcessRequest.of("first", List.of("sh", "-c", "while [ ! -e " + release + " ]; do sleep 0.05; done")));
        CompletableFuture<SupervisedProcess> second = startLater("second");
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> logged("\"second\" waits to start: --max_running (1) action processes" + " are running"));
        CompletableFuture<SupervisedProcess> third = startLater("third");
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> logged("\"third\" waits to start: --max_running (1) action processes" + " are running"));
        assertFalse(second.isDone());
        assertFalse(third.isDone());
        assertEquals(1, supervisor.running());

        Files.createFile(release);
        assertEquals(0, first.await().exitCode());
        SupervisedProcess secondProcess = second.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(0, secondProcess.await().exitCode());
        SupervisedProcess thirdProcess = third.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(0, thirdProcess.await().exitCode());
        assertTrue(startedAt("second") < startedAt("third"), "in the order they came");
    }

    @Test
    void closeReleasesWaitingStartsWithoutStartingThem() throws Exception {
        SupervisedProcess first = supervisor.start(ProcessRequest.of("blocker", List.of("sleep", "1000")));
        CompletableFuture<SupervisedProcess> waiting = startLater("waiting");
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> logged("\"waiting\" waits to start: --max_running (1) action processes" + " are running"));

        supervisor.close();
        Throwable failure = waiting.handle((p, t) -> t).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertInstanceOf(IOException.class, failure.getCause() == null ? failure : failure.getCause());
        assertEquals("killed by SIGTERM", first.await().describe());
    }

    @Test
    void aChildKeepsItsSlotWhileABackgroundProcessHoldsItsOutputSoTheIoThreadsStayBounded() throws Exception {
        assertEquals(IoPool.THREADS_PER_PROCESS, supervisor.ioThreadLimit());
        try (ProcessSupervisor three = new ProcessSupervisor(Duration.ofSeconds(1), 3)) {
            assertEquals(3 * IoPool.THREADS_PER_PROCESS, three.ioThreadLimit());
        }
        Path gate = dir.resolve("gate");
        // Exits at once; the loop in the background holds its stdout and stderr (two pump threads) until the gate.
        SupervisedProcess holder = supervisor.start(ProcessRequest.of(
                "holder", List.of("sh", "-c", "(while [ ! -e " + gate + " ]; do sleep 0.05; done) & echo started")));
        assertEquals(0, holder.await().exitCode());
        assertTrue(logged(
                Level.INFO,
                "holder (" + holder.pid() + "): output still held open by a background process after exit; its lines"
                        + " are logged as they come, and it keeps its --max_running slot until the output ends"));

        CompletableFuture<SupervisedProcess> next = startLater("next");
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> logged("\"next\" waits to start: --max_running (1) action processes" + " are running"));
        Files.createFile(gate);
        assertEquals(0, next.get(WAIT.toSeconds(), TimeUnit.SECONDS).await().exitCode());
        assertTrue(
                supervisor.largestIoThreads() <= supervisor.ioThreadLimit(),
                () -> supervisor.largestIoThreads() + " I/O threads");
    }

    private CompletableFuture<SupervisedProcess> startLater(String description) {
        CompletableFuture<SupervisedProcess> started = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        started.complete(supervisor.start(ProcessRequest.of(description, List.of("true"))));
                    } catch (Exception e) {
                        started.completeExceptionally(e);
                    }
                },
                "test-start-" + description);
        thread.start();
        return started;
    }

    private boolean logged(String message) {
        return logged(Level.DEBUG, message);
    }

    private boolean logged(Level level, String message) {
        return log.events().stream()
                .anyMatch(e -> e.getLevel() == level && e.getFormattedMessage().equals(message));
    }

    private int startedAt(String description) {
        List<String> messages =
                log.events().stream().map(e -> e.getFormattedMessage()).toList();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).startsWith("Process \"" + description + "\" (")
                    && messages.get(i).endsWith("started")) {
                return i;
            }
        }
        throw new AssertionError(description + " never started: " + messages);
    }
}
