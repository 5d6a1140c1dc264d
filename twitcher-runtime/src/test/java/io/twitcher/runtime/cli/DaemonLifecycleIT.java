package io.twitcher.runtime.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.daemon.Pidfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's lifecycle in real child JVMs ({@link FakeDaemonMain}): signals, pidfile, --daemonize, --embedded-zk. */
class DaemonLifecycleIT {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (ProcessHandle process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void foregroundDaemonHoldsItsPidfileReloadsOnHupAndStopsCleanlyOnTerm() throws Exception {
        Path pidfile = dir.resolve("twitcher.pid");
        Process daemon = launch(List.of(), "--pidfile", pidfile.toString(), "--log_to_stdout");
        await().atMost(START).until(() -> Pidfile.readPid(pidfile).equals(OptionalLong.of(daemon.pid())));
        assertEquals(List.of("start localhost:2181"), record());

        CliRun.of(
                        "--pidfile",
                        pidfile.toString(),
                        "--config_path",
                        dir.toString(),
                        "--logfile",
                        dir.resolve("second.log").toString())
                .failsWith(1, "another twitcher (pid " + daemon.pid() + ") is running with the pidfile " + pidfile);
        CliRun.of(
                        "--daemonize",
                        "--pidfile",
                        pidfile.toString(),
                        "--config_path",
                        dir.toString(),
                        "--logfile",
                        dir.resolve("third.log").toString())
                .failsWith(1, "another twitcher (pid " + daemon.pid() + ")");

        signal("HUP", daemon.pid());
        await().atMost(Duration.ofSeconds(20)).until(() -> record().contains("reload"));
        assertTrue(daemon.isAlive());

        daemon.destroy();
        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, daemon.exitValue(), output());
        assertEquals(List.of("start localhost:2181", "reload", "close"), record());
        assertFalse(Files.exists(pidfile), "pidfile left behind");
        String out = output();
        assertTrue(out.contains("starting: zkservers=localhost:2181, config_path=" + dir), out);
        assertTrue(out.contains("SIGTERM received: stopping"), out);
    }

    @Test
    void interruptStopsLikeTerm() throws Exception {
        Path pidfile = dir.resolve("t.pid");
        Process daemon = launch(List.of(), "--pidfile", pidfile.toString(), "--log_to_stdout");
        await().atMost(START).until(() -> Pidfile.readPid(pidfile).isPresent());
        signal("INT", daemon.pid());
        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, daemon.exitValue());
        assertEquals("close", record().get(record().size() - 1));
        assertFalse(Files.exists(pidfile));
    }

    @Test
    void aStartupExceptionIsOneSentenceAndExit1AndCleansUp() throws Exception {
        Path pidfile = dir.resolve("t.pid");
        Process daemon = launch(
                List.of("-Dtwitcher.test.failStart=two plugins claim the suffix .twc"),
                "--pidfile",
                pidfile.toString(),
                "--logfile",
                dir.resolve("t.log").toString());
        assertTrue(daemon.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, daemon.exitValue());
        CliRun.assertOneSentence(output(), "twitcher: two plugins claim the suffix .twc.");
        assertEquals(List.of("start localhost:2181", "close"), record());
        assertFalse(Files.exists(pidfile));
        assertTrue(Files.readString(dir.resolve("t.log")).contains("Twitcher cannot start: two plugins claim"));
    }

    @Test
    void daemonizeDetachesIntoANewSessionAndReturnsOnceStarted() throws Exception {
        Path pidfile = dir.resolve("d.pid");
        Path log = dir.resolve("d.log");
        Process parent = launch(List.of(), "--daemonize", "--pidfile", pidfile.toString(), "--logfile", log.toString());
        assertTrue(parent.waitFor(START.toSeconds(), TimeUnit.SECONDS));
        assertEquals(0, parent.exitValue(), output());
        assertEquals("", output());
        long pid = Pidfile.readPid(pidfile).orElseThrow();
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        started.add(daemon);
        assertNotEquals(parent.pid(), pid);
        assertTrue(daemon.isAlive());
        assertNotEquals(sessionOf(ProcessHandle.current().pid()), sessionOf(pid), "not in a new session");
        assertEquals(pid, sessionOf(pid), "not a session leader");
        assertEquals(List.of("start localhost:2181"), record());
        assertTrue(Files.readString(log).contains("Daemon ready (pid " + pid + ")"));

        daemon.destroy();
        await().atMost(Duration.ofSeconds(30)).until(() -> !daemon.isAlive());
        assertEquals(List.of("start localhost:2181", "close"), record());
        assertFalse(Files.exists(pidfile));
    }

    @Test
    void daemonizeReportsADaemonThatDiesWhileStarting() throws Exception {
        Process parent = launch(
                List.of("-Dtwitcher.test.failStart=broken"),
                "--daemonize",
                "--pidfile",
                dir.resolve("d.pid").toString(),
                "--logfile",
                dir.resolve("d.log").toString());
        assertTrue(parent.waitFor(START.toSeconds(), TimeUnit.SECONDS));
        assertEquals(1, parent.exitValue());
        CliRun.assertOneSentence(output(), "the daemon exited with code 1 while starting");
        assertTrue(Files.readString(dir.resolve("d.log")).contains("Twitcher cannot start: broken"));
    }

    @Test
    void embeddedZooKeeperServesOtherProcessesWhileTheDaemonRuns() throws Exception {
        int port = freePort();
        Path pidfile = dir.resolve("z.pid");
        Process daemon = launch(List.of(), "--embedded-zk=" + port, "--pidfile", pidfile.toString(), "--log_to_stdout");
        await().atMost(START).until(() -> Pidfile.readPid(pidfile).isPresent());
        assertEquals(List.of("start 127.0.0.1:" + port), record());

        CliRun poke = CliRun.of("poke", "--zkservers", "127.0.0.1:" + port, "/twitcher/demo", "hello");
        assertEquals(0, poke.code(), poke.err());
        try (CuratorFramework client = CuratorFrameworkFactory.newClient("127.0.0.1:" + port, new RetryOneTime(100))) {
            client.start();
            assertTrue(client.blockUntilConnected(20, TimeUnit.SECONDS));
            assertEquals("hello", new String(client.getData().forPath("/twitcher/demo"), StandardCharsets.UTF_8));
        }

        daemon.destroy();
        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, daemon.exitValue());
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void anEmbeddedZooKeeperPortInUseIsOneSentence() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Process daemon = launch(
                    List.of(),
                    "--embedded-zk=" + taken.getLocalPort(),
                    "--logfile",
                    dir.resolve("t.log").toString());
            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, daemon.exitValue());
            CliRun.assertOneSentence(output(), "port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
            assertEquals(List.of(), record(), "the service started without its ZooKeeper");
        }
    }

    private Process launch(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dtwitcher.test.record=" + dir.resolve("record"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FakeDaemonMain.class.getName());
        command.add("--config_path=" + dir);
        command.add("--plugins_dir=" + dir);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("output").toFile())
                .start();
        started.add(process.toHandle());
        return process;
    }

    private List<String> record() throws IOException {
        Path record = dir.resolve("record");
        return Files.exists(record) ? Files.readAllLines(record) : List.of();
    }

    private String output() throws IOException {
        return Files.readString(dir.resolve("output"));
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                .inheritIO()
                .start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue());
    }

    // Field 6 of /proc/PID/stat, counted after the parenthesised command name, which may contain spaces.
    private static long sessionOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
