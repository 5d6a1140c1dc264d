package io.twitcher.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path a glibc older than 2.34 takes: the JDK starts the child behind util-linux setsid. */
class SetsidFallbackIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final ActionLogCapture log = new ActionLogCapture();
    private ProcessSupervisor supervisor;

    @BeforeEach
    void setUp() {
        log.start();
        supervisor = new ProcessSupervisor(Duration.ofSeconds(1), 4, false);
    }

    @AfterEach
    void tearDown() {
        supervisor.close();
        log.stop();
    }

    @Test
    void childGetsItsOwnSessionStdinEnvironmentAndExitCode() throws Exception {
        SupervisedProcess process = supervisor.start(ProcessRequest.of("fallback",
                        List.of("sh", "-c", "read -r line; echo \"$line $DEPLOY_TARGET\"; cat /proc/$$/stat; exit 3"))
                .withStdin("hello".getBytes()).withEnv(Map.of("DEPLOY_TARGET", "blue")));
        assertEquals(3, process.await().exitCode());
        List<String> out = log.stdout("fallback", process.pid());
        assertEquals("hello blue", out.get(0));
        String[] stat = out.get(1).split(" ");
        assertEquals(String.valueOf(process.pid()), stat[0], "setsid execs in place");
        assertEquals(String.valueOf(process.pid()), stat[5], "session id");
        log.assertLogged(Level.WARN, "Process \"fallback\" (" + process.pid() + ") exited with code 3");
    }

    @Test
    void leftoversAreKilledAtTheRunsTimeout() throws Exception {
        Path pidFile = dir.resolve("left.pid");
        SupervisedProcess process = supervisor.start(ProcessRequest.of("fallback-leftover",
                List.of("sh", "-c", "sleep 1000 >/dev/null 2>&1 & echo $! > " + pidFile))
                .withTimeout(Duration.ofSeconds(2)));
        assertEquals(0, assertTimeoutPreemptively(Duration.ofSeconds(5), process::await).exitCode());
        long left = ProcFs.readPid(pidFile);
        Awaitility.await().atMost(WAIT).until(() -> ProcFs.deadOrZombie(left));
        assertTrue(ProcFs.liveMembers(process.pid()).isEmpty());
    }
}
