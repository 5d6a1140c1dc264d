package io.twitcher.runtime.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.cli.TwitcherCli;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness as systemd sees it: the real daemon in a child JVM with {@code NOTIFY_SOCKET} pointing at a Unix datagram
 * socket this test reads. With ZooKeeper down it is not ready (and says what it waits for); once ZooKeeper is up it
 * logs {@code Daemon ready} and sends {@code READY=1}; SIGHUP sends {@code RELOADING=1}, SIGTERM {@code STOPPING=1}.
 */
class ReadinessIT {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private UnixDatagramChannel notifySocket;
    private final List<String> datagrams = new CopyOnWriteArrayList<>();
    private Thread reader;
    private Process daemon;

    @BeforeEach
    void listen() throws IOException {
        Path path = dir.resolve("notify.sock");
        notifySocket = UnixDatagramChannel.open();
        notifySocket.bind(new UnixSocketAddress(path.toFile()));
        reader = new Thread(
                () -> {
                    ByteBuffer buffer = ByteBuffer.allocate(4096);
                    while (notifySocket.isOpen()) {
                        try {
                            buffer.clear();
                            notifySocket.receive(buffer);
                            datagrams.add(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "notify-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        notifySocket.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private String output() throws IOException {
        return Files.readString(dir.resolve("output"));
    }

    @Test
    void readyOnlyOnceConnectedAndSaysWhatItWaitsFor() throws Exception {
        int port = freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("a.properties"), "znode=/a\nrun_on_load=false\ncommand=true\n");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                // The daemon keeps its state where this test JVM does (target/), never in /var/lib.
                "-Dtwitcher.state.dir=" + System.getProperty("twitcher.state.dir", "target/state"),
                TwitcherCli.class.getName(),
                "--zkservers=127.0.0.1:" + port,
                "--config_path=" + conf,
                "--plugins_dir=" + dir.resolve("none"),
                "--session_timeout=4",
                "--log_to_stdout"));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("output").toFile());
        pb.environment().put("NOTIFY_SOCKET", dir.resolve("notify.sock").toString());
        daemon = pb.start();

        await().atMost(LONG).until(() -> output().contains(
                        "Daemon not ready yet, waiting for: not connected to" + " ZooKeeper yet"));
        await().atMost(LONG).until(() -> datagrams.stream().anyMatch(d -> d.startsWith("STATUS=")));
        assertFalse(output().contains("Daemon ready"), output());
        assertFalse(datagrams.stream().anyMatch(d -> d.contains("READY=1")), datagrams.toString());

        try (TestingServer zk = new TestingServer(port, true)) {
            try {
                await().atMost(LONG).until(() -> output().contains("Daemon ready (pid " + daemon.pid() + ")"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("not ready with ZooKeeper up; the daemon's output:\n" + output(), e);
            }
            await().atMost(LONG).until(() -> datagrams.contains("READY=1\nSTATUS=1 watch(es)"));

            new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid()))
                    .start()
                    .waitFor();
            await().atMost(LONG).until(() -> datagrams.contains("RELOADING=1"));

            daemon.destroy();
            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, daemon.exitValue(), output());
            assertTrue(datagrams.contains("STOPPING=1"), datagrams.toString());
        }
    }

    @Test
    void aRejectedConfigFileDoesNotHoldTheStartBackButIsNamed() throws Exception {
        try (TestingServer zk = new TestingServer(true)) {
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Files.writeString(conf.resolve("a.properties"), "znode=/a\nrun_on_load=false\ncommand=true\n");
            Files.writeString(conf.resolve("bad.properties"), "znode=/b\nrun_mode=SOMETIMES\ncommand=true\n");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    // The daemon keeps its state where this test JVM does (target/), never in /var/lib.
                    "-Dtwitcher.state.dir=" + System.getProperty("twitcher.state.dir", "target/state"),
                    TwitcherCli.class.getName(),
                    "--zkservers=" + zk.getConnectString(),
                    "--config_path=" + conf,
                    "--plugins_dir=" + dir.resolve("none"),
                    "--session_timeout=4",
                    "--log_to_stdout"));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("output").toFile());
            pb.environment().put("NOTIFY_SOCKET", dir.resolve("notify.sock").toString());
            daemon = pb.start();

            await().atMost(LONG).until(() -> output().contains(
                            "Daemon ready (pid " + daemon.pid() + "), but: config" + " file failed: "));
            await().atMost(LONG).until(() -> datagrams.stream()
                    .anyMatch(d -> d.startsWith("READY=1\nSTATUS=1" + " watch(es); config file failed: ")
                            && d.contains("bad.properties:2")));
            daemon.destroy();
            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS));
        }
    }
}
