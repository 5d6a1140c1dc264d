package io.twitcher.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.twitcher.runtime.process.ProcessRequest;
import io.twitcher.runtime.process.ProcessSupervisor;
import io.twitcher.runtime.process.SupervisedProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 8 defect 6: a notify_signal sent before the run's process exists is delivered once it does. */
class RunControlIT {
    private final ProcessSupervisor supervisor = new ProcessSupervisor(Duration.ofSeconds(1));

    @AfterEach
    void tearDown() {
        supervisor.close();
    }

    @Test
    void signalSentBeforeTheProcessExistsIsDeliveredWhenItStarts() throws Exception {
        RunControl control = new RunControl();
        control.signal(15); // the update arrives while the run is still resolving its user or spawning

        SupervisedProcess process = supervisor.start(ProcessRequest.of("late-signal", List.of("sleep", "1000")));
        control.attach(process);
        assertEquals("killed by SIGTERM",
                assertTimeoutPreemptively(Duration.ofSeconds(10), process::await).describe());
        control.detach();
    }

    @Test
    void onlyTheFirstEarlySignalIsDelivered() throws Exception {
        RunControl control = new RunControl();
        control.signal(28); // SIGWINCH: ignored by default, so the process survives it
        control.signal(15); // a second update before the process exists: the first signal only, as in a run
        SupervisedProcess process = supervisor.start(ProcessRequest.of("winch", List.of("sleep", "1000")));
        control.attach(process);
        // a later event: a whole other process ran; had SIGTERM been sent, sleep would be dead by now
        SupervisedProcess later = supervisor.start(ProcessRequest.of("after", List.of("true")));
        assertEquals(0, later.await().exitCode());
        process.signalGroup(9);
        assertEquals("killed by SIGKILL", assertTimeoutPreemptively(Duration.ofSeconds(10), process::await).describe());
        control.detach();
    }
}
