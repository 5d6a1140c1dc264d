package io.twitcher.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import io.twitcher.api.ProcessOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 defect 3: processes an action leaves in its process group after its leader exited are tracked until the
 * group is empty, killed when the run's timeout expires and when the supervisor closes, and counted in the log.
 */
class LeftoverProcessesIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final ActionLogCapture log = new ActionLogCapture();
    private ProcessSupervisor supervisor;

    @BeforeEach
    void setUp() {
        log.start();
        supervisor = new ProcessSupervisor(Duration.ofSeconds(1));
    }

    @AfterEach
    void tearDown() {
        supervisor.close();
        log.stop();
    }

    @Test
    void leftoversAreCountedAndKilledWhenTheRunsTimeoutExpires() throws Exception {
        Path pidFile = dir.resolve("left.pid");
        SupervisedProcess process = supervisor.start(ProcessRequest.of("leaves-one",
                List.of("sh", "-c", "sleep 1000 >/dev/null 2>&1 & echo $! > " + pidFile + "; echo started"))
                .withTimeout(Duration.ofSeconds(2)));
        ProcessOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(5), process::await);
        assertEquals(0, outcome.exitCode());
        long left = ProcFs.readPid(pidFile);
        assertFalse(ProcFs.deadOrZombie(left), "the leftover runs until the run's timeout");
        log.assertLogged(Level.WARN, "Process \"leaves-one\" (" + process.pid() + ") left 1 process behind in its "
                + "process group; it is killed when the run's timeout expires or the daemon stops");

        Awaitility.await().atMost(WAIT).until(() -> ProcFs.deadOrZombie(left));
        Awaitility.await().atMost(WAIT).until(() -> ProcFs.liveMembers(process.pid()).isEmpty());
    }

    @Test
    void leftoversWithoutATimeoutAreKilledWhenTheSupervisorCloses() throws Exception {
        Path pidFile = dir.resolve("left.pid");
        SupervisedProcess process = supervisor.start(ProcessRequest.of("leaves-two",
                List.of("sh", "-c", "sleep 1000 >/dev/null 2>&1 & sleep 1000 >/dev/null 2>&1 & echo $! > " + pidFile)));
        assertEquals(0, assertTimeoutPreemptively(Duration.ofSeconds(5), process::await).exitCode());
        long left = ProcFs.readPid(pidFile);
        log.assertLogged(Level.WARN, "Process \"leaves-two\" (" + process.pid() + ") left 2 processes behind in its "
                + "process group; they are killed when the daemon stops");
        assertFalse(ProcFs.deadOrZombie(left), "no timeout: the leftovers run until the daemon stops");

        supervisor.close();
        Awaitility.await().atMost(WAIT).until(() -> ProcFs.liveMembers(process.pid()).isEmpty());
    }
}
