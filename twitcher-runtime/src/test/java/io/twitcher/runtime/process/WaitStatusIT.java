package io.twitcher.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import io.twitcher.api.ProcessOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 8 defect 11: the outcome is the real wait status, so exit codes 129-159 are exit codes, not signals. */
class WaitStatusIT {
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
    void exitCodesAbove128AreReportedAsExitCodes() throws Exception {
        for (int code : new int[] {129, 130, 137, 143, 159}) {
            SupervisedProcess process = supervisor.start(ProcessRequest.of("exit-" + code,
                    List.of("sh", "-c", "exit " + code)));
            ProcessOutcome outcome = process.await();
            assertEquals(0, outcome.signal(), "exit " + code);
            assertEquals(code, outcome.exitCode());
            assertEquals("exited with code " + code, outcome.describe());
            log.assertLogged(Level.WARN, "Process \"exit-" + code + "\" (" + process.pid() + ") exited with code "
                    + code);
        }
    }

    @Test
    void signalDeathsAreReportedAsSignals() throws Exception {
        SupervisedProcess process = supervisor.start(ProcessRequest.of("self-int",
                List.of("sh", "-c", "kill -INT $$")));
        ProcessOutcome outcome = process.await();
        assertEquals(2, outcome.signal());
        assertEquals("killed by SIGINT", outcome.describe());
    }
}
