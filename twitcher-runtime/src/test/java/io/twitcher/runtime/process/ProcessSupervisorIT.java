package io.twitcher.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.twitcher.api.ProcessOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes under a real supervisor, run as root (as CI does); log lines captured with a ListAppender. */
class ProcessSupervisorIT {
    private static final Duration KILL_DELAY = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] ONE_MIB = new byte[1024 * 1024];

    @TempDir
    Path dir;

    private final ActionLogCapture log = new ActionLogCapture();
    private ProcessSupervisor supervisor;

    @BeforeEach
    void setUp() {
        log.start();
        supervisor = new ProcessSupervisor(KILL_DELAY);
    }

    @AfterEach
    void tearDown() {
        supervisor.close();
        log.stop();
    }

    @Test
    void childGetsDaemonEnvironmentPlusExtraVariablesRootDirectoryAndItsOwnSessionAndGroup() throws Exception {
        ProcessRequest request = sh(
                        "env-and-cwd",
                        "echo \"cwd=$(pwd)\"; echo \"znode=$TWITCHER_ZNODE\"; "
                                + "echo \"event=$TWITCHER_EVENT\"; echo \"path=$PATH\"; cat /proc/$$/stat")
                .withEnv(Map.of("TWITCHER_ZNODE", "/git/head", "TWITCHER_EVENT", "changed"));
        SupervisedProcess process = supervisor.start(request);
        assertEquals(0, process.await().exitCode());

        List<String> out = log.stdout("env-and-cwd", process.pid());
        assertTrue(out.contains("cwd=/"), out::toString);
        assertTrue(out.contains("znode=/git/head"), out::toString);
        assertTrue(out.contains("event=changed"), out::toString);
        assertTrue(out.contains("path=" + System.getenv("PATH")), out::toString);
        String[] stat = out.get(4).split(" ");
        assertEquals(String.valueOf(process.pid()), stat[0], "setsid must exec in place");
        assertEquals(String.valueOf(process.pid()), stat[4], "process group id");
        assertEquals(String.valueOf(process.pid()), stat[5], "session id");
    }

    @Test
    void exitCodeStdoutStderrAndSignalDeathAreLogged() throws Exception {
        SupervisedProcess failing = supervisor.start(sh("exit-three", "echo out; echo err >&2; exit 3"));
        ProcessOutcome outcome = failing.await();
        assertEquals(3, outcome.exitCode());
        assertFalse(outcome.timedOut());
        long pid = failing.pid();
        log.assertLogged(Level.INFO, "Process \"exit-three\" (" + pid + ") started");
        log.assertLogged(Level.INFO, "exit-three (" + pid + ") stdout: out");
        log.assertLogged(Level.WARN, "exit-three (" + pid + ") stderr: err");
        log.assertLogged(Level.WARN, "Process \"exit-three\" (" + pid + ") exited with code 3");
        assertTrue(ProcFs.gone(pid), "the child is reaped once await() returns");

        SupervisedProcess fine = supervisor.start(ProcessRequest.of("all-fine", List.of("true")));
        assertEquals(0, fine.await().exitCode());
        log.assertLogged(Level.INFO, "Process \"all-fine\" (" + fine.pid() + ") exited with code 0");

        SupervisedProcess killed = supervisor.start(sh("self-term", "kill -TERM $$"));
        ProcessOutcome death = killed.await();
        assertEquals(15, death.signal());
        log.assertLogged(Level.WARN, "Process \"self-term\" (" + killed.pid() + ") killed by SIGTERM");
    }

    @Test
    void notifySignalReachesShellTrap() throws Exception {
        Path ready = dir.resolve("ready");
        SupervisedProcess process = supervisor.start(
                sh("trapper", "trap 'echo got-usr1; exit 0' USR1; touch " + ready + "; while :; do sleep 1; done"));
        Awaitility.await().atMost(WAIT).until(() -> Files.exists(ready));

        process.signalGroup(10); // SIGUSR1
        assertEquals(0, process.await().exitCode());
        assertEquals(List.of("got-usr1"), log.stdout("trapper", process.pid()));
    }

    @Test
    void timeoutTerminatesShellAndItsGrandchild() throws Exception {
        Path pidFile = dir.resolve("grandchild.pid");
        SupervisedProcess process = supervisor.start(
                sh("sleeper", "sleep 1000 & echo $! > " + pidFile + "; wait").withTimeout(Duration.ofSeconds(2)));
        Awaitility.await().atMost(WAIT).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
        long grandchild = ProcFs.readPid(pidFile);
        assertFalse(ProcFs.deadOrZombie(grandchild), "the grandchild runs before the timeout");

        ProcessOutcome outcome = process.await();
        assertTrue(outcome.timedOut());
        assertEquals("killed by SIGTERM", outcome.describe());
        assertTrue(ProcFs.gone(process.pid()));
        Awaitility.await().atMost(WAIT).until(() -> ProcFs.deadOrZombie(grandchild));
        log.assertLogged(
                Level.WARN,
                "Process \"sleeper\" (" + process.pid() + ") timed out after 2 s; sending SIGTERM "
                        + "to its process group");
    }

    @Test
    void childIgnoringSigtermIsKilledAfterKillDelay() throws Exception {
        // env sets SIGTERM to ignored before exec: no window in which the shell could still die of it.
        long start = System.nanoTime();
        SupervisedProcess process = supervisor.start(
                ProcessRequest.of("stubborn", List.of("env", "--ignore-signal=TERM", "sh", "-c", "sleep 1000"))
                        .withTimeout(Duration.ofMillis(500)));
        ProcessOutcome outcome = process.await();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(outcome.timedOut());
        assertEquals("killed by SIGKILL", outcome.describe());
        assertTrue(took.compareTo(Duration.ofMillis(1500)) >= 0, "SIGKILL only after the kill delay, took " + took);
        Awaitility.await().atMost(WAIT).until(() -> ProcFs.liveMembers(process.pid())
                .isEmpty());
        log.assertLogged(
                Level.WARN,
                "Process \"stubborn\" (" + process.pid()
                        + ") still running after SIGTERM; sending SIGKILL to its process group");
    }

    @Test
    void runsAsNobodyWithoutRootGroups() throws Exception {
        SupervisedProcess process =
                supervisor.start(sh("as-nobody", "id -u; id -g; id -G").withUser("nobody", null));
        assertEquals(0, process.await().exitCode());
        log.assertLogged(
                Level.INFO,
                "Process \"as-nobody\" (" + process.pid() + ") started as uid 65534, gid " + primaryGid("nobody"));
        List<String> out = log.stdout("as-nobody", process.pid());
        assertEquals("65534", out.get(0));
        assertEquals(String.valueOf(primaryGid("nobody")), out.get(1));
        assertFalse(Arrays.asList(out.get(2).split(" ")).contains("0"), "no root group: " + out);
    }

    @Test
    void groupByNameOverridesThePrimaryGroup() throws Exception {
        int daemonGid = gid("daemon");
        SupervisedProcess process =
                supervisor.start(sh("as-nobody-daemon", "id -u; id -g; id -G").withUser("nobody", "daemon"));
        assertEquals(0, process.await().exitCode());
        List<String> out = log.stdout("as-nobody-daemon", process.pid());
        assertEquals(List.of("65534", String.valueOf(daemonGid)), out.subList(0, 2));
        assertFalse(Arrays.asList(out.get(2).split(" ")).contains("0"), "no root group: " + out);
    }

    @Test
    void groupAloneKeepsDaemonUserWithThatGroupAsItsOnlyGroup() throws Exception {
        SupervisedProcess process =
                supervisor.start(sh("gid-only", "id -u; id -g; id -G").withUser(null, "daemon"));
        assertEquals(0, process.await().exitCode());
        String daemonGid = String.valueOf(gid("daemon"));
        assertEquals(List.of("0", daemonGid, daemonGid), log.stdout("gid-only", process.pid()));
    }

    @Test
    void numericUidWithoutPasswdEntryNeedsAGroupAndGetsNoSupplementaryGroups() throws Exception {
        IOException noGroup = assertThrows(
                IOException.class, () -> supervisor.start(sh("uid-only", "id").withUser("4242", null)));
        assertEquals("uid 4242 has no passwd entry and so no primary group; give a gid too", noGroup.getMessage());

        SupervisedProcess process =
                supervisor.start(sh("uid-gid", "id -u; id -G").withUser("4242", "4343"));
        assertEquals(0, process.await().exitCode());
        assertEquals(List.of("4242", "4343"), log.stdout("uid-gid", process.pid()));
    }

    @Test
    void unknownUserGroupOrProgramStartsNothing() {
        Path marker = dir.resolve("marker");
        ProcessRequest touch = ProcessRequest.of("must-not-run", List.of("touch", marker.toString()));

        IOException user =
                assertThrows(IOException.class, () -> supervisor.start(touch.withUser("no-such-user-xyz", null)));
        assertEquals("unknown user 'no-such-user-xyz'", user.getMessage());
        IOException group =
                assertThrows(IOException.class, () -> supervisor.start(touch.withUser("nobody", "no-such-group-xyz")));
        assertEquals("unknown group 'no-such-group-xyz'", group.getMessage());
        IOException program = assertThrows(
                IOException.class,
                () -> supervisor.start(ProcessRequest.of("missing", List.of("no-such-program-xyz"))));
        assertTrue(
                program.getMessage().startsWith("program 'no-such-program-xyz' not found on PATH"),
                program.getMessage());

        assertEquals(0, supervisor.running());
        assertFalse(Files.exists(marker));
        assertTrue(log.events().isEmpty(), () -> "nothing logged: " + log.events());
    }

    @Test
    void theSpawnedHookRunsOnceTheChildExistsAndNotWhenNothingStarted() throws Exception {
        List<List<Long>> childrenAtHook = new ArrayList<>();
        Runnable hook = () -> childrenAtHook.add(
                ProcessHandle.current().children().map(ProcessHandle::pid).toList());
        SupervisedProcess sleeper = supervisor.start(ProcessRequest.of("hooked", List.of("sleep", "0.3")), hook);
        assertEquals(1, childrenAtHook.size());
        assertTrue(childrenAtHook.get(0).contains(sleeper.pid()), () -> sleeper.pid() + " in " + childrenAtHook);
        assertEquals(0, sleeper.await().exitCode());

        assertThrows(
                IOException.class,
                () -> supervisor.start(ProcessRequest.of("missing", List.of("no-such-program-xyz")), hook));
        assertEquals(1, childrenAtHook.size(), "the hook ran for a process that never started");
    }

    @Test
    void stdinGetsTheBytesThenEof() throws Exception {
        SupervisedProcess cat = supervisor.start(
                ProcessRequest.of("cat", List.of("cat")).withStdin("first\nsecond".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, cat.await().exitCode());
        assertEquals(List.of("first", "second"), log.stdout("cat", cat.pid()));

        SupervisedProcess empty = supervisor.start(ProcessRequest.of("cat-nothing", List.of("cat")));
        assertEquals(0, empty.await().exitCode());
        assertEquals(List.of(), log.stdout("cat-nothing", empty.pid()));
    }

    @Test
    void oneMebibyteToChildrenThatNeverReadNeitherBlocksNorBreaksTheSupervisor() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            SupervisedProcess exitsAtOnce = supervisor.start(
                    ProcessRequest.of("true-1m", List.of("true")).withStdin(ONE_MIB));
            assertEquals(0, exitsAtOnce.await().exitCode());
            SupervisedProcess exitsSoon = supervisor.start(
                    ProcessRequest.of("sleep-1m", List.of("sleep", "0.2")).withStdin(ONE_MIB));
            assertEquals(0, exitsSoon.await().exitCode());
            SupervisedProcess neverExits = supervisor.start(
                    ProcessRequest.of("forever-1m", List.of("sleep", "1000")).withStdin(ONE_MIB));
            neverExits.terminate();
            assertEquals("killed by SIGTERM", neverExits.await().describe());
        });

        SupervisedProcess counter =
                supervisor.start(ProcessRequest.of("wc", List.of("wc", "-c")).withStdin(ONE_MIB));
        assertEquals(0, counter.await().exitCode());
        assertEquals(List.of("1048576"), log.stdout("wc", counter.pid()));
    }

    @Test
    void outputIsCappedPerRunAndTheRestCounted() throws Exception {
        SupervisedProcess chatty =
                supervisor.start(sh("chatty", "i=0; while [ $i -lt 1500 ]; do echo line$i; i=$((i+1)); done"));
        chatty.await();
        List<String> out = log.stdout("chatty", chatty.pid());
        assertEquals(OutputLog.MAX_LINES, out.size());
        assertEquals("line999", out.get(999));
        log.assertLogged(
                Level.WARN,
                "chatty (" + chatty.pid()
                        + "): 500 more output lines not logged (at most 1000 lines and 256 KiB are logged per run)");

        // 300 lines of 1000 bytes: the byte budget (256 KiB) is used up after 262 lines.
        SupervisedProcess wide = supervisor.start(sh(
                "wide",
                "s=$(head -c 1000 /dev/zero | tr '\\0' x); i=0; while [ $i -lt 300 ]; do echo $s; i=$((i+1)); done"));
        wide.await();
        assertEquals(262, log.stdout("wide", wide.pid()).size());
        log.assertLogged(
                Level.WARN,
                "wide (" + wide.pid() + "): 38 more output lines not logged (at most 1000 lines "
                        + "and 256 KiB are logged per run)");

        SupervisedProcess longLine = supervisor.start(sh("long-line", "head -c 10000 /dev/zero | tr '\\0' y; echo"));
        longLine.await();
        assertEquals(
                List.of("y".repeat(4096) + " [line truncated, 10000 bytes]"), log.stdout("long-line", longLine.pid()));
    }

    @Test
    void awaitReturnsSoonAfterExitWhenABackgroundProcessKeepsTheOutputOpen() throws Exception {
        Path pidFile = dir.resolve("background.pid");
        SupervisedProcess process =
                supervisor.start(sh("leaves-background", "sleep 1000 & echo $! > " + pidFile + "; echo started"));
        ProcessOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(5), process::await);
        assertEquals(0, outcome.exitCode());
        assertEquals(0, supervisor.running());
        assertEquals(List.of("started"), log.stdout("leaves-background", process.pid()));
        // Whether the "output still held open" line is logged is a race inside the JDK: when the child exits, its
        // reaper may close the output pipe itself (draining what is buffered) before our reader blocks on it.
        // What must hold either way is above: await() returned promptly with the exit code and the line.
        long background = ProcFs.readPid(pidFile);
        assertFalse(ProcFs.deadOrZombie(background), "the background process is the action's business, not killed");

        process.signalGroup(9);
        Awaitility.await().atMost(WAIT).until(() -> ProcFs.deadOrZombie(background));
    }

    @Test
    void terminateAllLeavesNoProcessOfAnyGroupAlive() throws Exception {
        List<SupervisedProcess> processes = new ArrayList<>();
        List<Path> pidFiles = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path pidFile = dir.resolve("child" + i + ".pid");
            pidFiles.add(pidFile);
            processes.add(supervisor.start(sh("group-" + i, "sleep 1000 & echo $! > " + pidFile + "; wait")));
        }
        processes.add(supervisor.start(ProcessRequest.of(
                "deaf", List.of("env", "--ignore-signal=TERM", "sh", "-c", "sleep 1000 & sleep 1000"))));
        Awaitility.await().atMost(WAIT).until(() -> pidFiles.stream().allMatch(ProcFs::hasContent));
        assertEquals(4, supervisor.running());

        supervisor.terminateAll(Duration.ofMillis(500));

        assertEquals(0, supervisor.running());
        for (SupervisedProcess process : processes) {
            assertTrue(ProcFs.gone(process.pid()), "child " + process.pid() + " reaped");
            Awaitility.await().atMost(WAIT).until(() -> ProcFs.liveMembers(process.pid())
                    .isEmpty());
        }
        for (Path pidFile : pidFiles) {
            long grandchild = ProcFs.readPid(pidFile);
            Awaitility.await().atMost(WAIT).until(() -> ProcFs.deadOrZombie(grandchild));
        }
        SupervisedProcess after = supervisor.start(ProcessRequest.of("after", List.of("true")));
        assertEquals(0, after.await().exitCode(), "terminateAll does not close the supervisor");

        supervisor.close();
        supervisor.close();
        IOException closed =
                assertThrows(IOException.class, () -> supervisor.start(ProcessRequest.of("too-late", List.of("true"))));
        assertEquals("the daemon is shutting down, so \"too-late\" was not started", closed.getMessage());
    }

    @Test
    void closeKillsAtOnceWhatOutlivedATerminatedLeader() throws Exception {
        ProcessSupervisor patient = new ProcessSupervisor(Duration.ofMinutes(5));
        Path pidFile = dir.resolve("deaf.pid");
        SupervisedProcess process = patient.start(sh(
                "leaves-deaf-child",
                "env --ignore-signal=TERM sleep 1000 >/dev/null 2>&1 & echo $! > " + pidFile + "; wait"));
        Awaitility.await().atMost(WAIT).until(() -> ProcFs.hasContent(pidFile));
        long deaf = ProcFs.readPid(pidFile);

        process.terminate();
        assertEquals("killed by SIGTERM", process.await().describe());
        assertFalse(ProcFs.deadOrZombie(deaf), "ignores SIGTERM; its SIGKILL is 5 minutes away");

        patient.close();
        Awaitility.await().atMost(WAIT).until(() -> ProcFs.deadOrZombie(deaf));
    }

    @Test
    void interruptedAwaitTerminatesTheChildAndStillReapsIt() throws Exception {
        SupervisedProcess process = supervisor.start(ProcessRequest.of("interrupted", List.of("sleep", "1000")));
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread waiter = new Thread(
                () -> {
                    try {
                        process.await();
                        thrown.complete(null);
                    } catch (Throwable t) {
                        thrown.complete(t);
                    }
                },
                "test-await");
        waiter.start();
        Awaitility.await().atMost(WAIT).until(() -> waiter.getState() == Thread.State.WAITING);

        waiter.interrupt();
        assertInstanceOf(InterruptedException.class, thrown.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(ProcFs.gone(process.pid()), "reaped before InterruptedException is thrown");
        assertEquals(0, supervisor.running());
        log.assertLogged(Level.WARN, "Process \"interrupted\" (" + process.pid() + ") killed by SIGTERM");
    }

    private static ProcessRequest sh(String description, String script) {
        return ProcessRequest.of(description, List.of("sh", "-c", script));
    }

    private static int gid(String group) throws IOException {
        return Files.readAllLines(Path.of("/etc/group")).stream()
                .filter(l -> l.startsWith(group + ":"))
                .mapToInt(l -> Integer.parseInt(l.split(":")[2]))
                .findFirst()
                .orElseThrow();
    }

    private static int primaryGid(String user) throws IOException {
        return Files.readAllLines(Path.of("/etc/passwd")).stream()
                .filter(l -> l.startsWith(user + ":"))
                .mapToInt(l -> Integer.parseInt(l.split(":")[3]))
                .findFirst()
                .orElseThrow();
    }
}
