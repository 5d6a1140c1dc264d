package io.twitcher.dist;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product through its launcher: a daemon with its own ZooKeeper runs an action when {@code twitcher poke}
 * changes the znode; {@code --daemonize} runs the same detached until SIGTERM.
 */
class EndToEndIT {
    private static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aPokeRunsTheActionOfADaemonWithItsEmbeddedZooKeeper() throws Exception {
        Path conf = Files.createDirectory(dir.resolve("conf"));
        Files.writeString(
                conf.resolve("demo.properties"),
                "znode=/twitcher/demo\ncommand=echo \"demo got: $(cat)\"\ndescription=demo\nrun_on_load=false\n");
        int port = freePort();
        try (Launcher daemon = Launcher.start(
                Map.of(), "--embedded-zk=" + port, "--log_to_stdout", "--config_path", conf.toString())) {
            daemon.awaitOutput("Daemon ready (pid " + daemon.pid() + ")", STARTUP);
            Launcher.Result poke = Launcher.run(
                    Duration.ofSeconds(60),
                    Map.of(),
                    "poke",
                    "--zkservers",
                    "127.0.0.1:" + port,
                    "/twitcher/demo",
                    "hello");
            assertEquals(0, poke.code(), poke.err());
            daemon.awaitOutput("demo got: hello", Duration.ofSeconds(30));
            assertEquals(0, daemon.stop(Duration.ofSeconds(60)), daemon.output());
        }
    }

    @Test
    void daemonizeRunsTheDaemonDetachedUntilSigterm() throws Exception {
        Path conf = Files.createDirectory(dir.resolve("conf"));
        Path out = dir.resolve("out.txt");
        Files.writeString(
                conf.resolve("demo.properties"),
                "znode=/twitcher/detached\ncommand=cat > " + out + "\nrun_on_load=false\n");
        Path pidfile = dir.resolve("twitcher.pid");
        Path log = dir.resolve("twitcher.log");
        int port = freePort();
        Launcher.Result parent = Launcher.run(
                STARTUP,
                Map.of(),
                "--daemonize",
                "--pidfile",
                pidfile.toString(),
                "--logfile",
                log.toString(),
                "--embedded-zk=" + port,
                "--config_path",
                conf.toString());
        assertEquals(0, parent.code(), parent.err());
        long pid = Long.parseLong(Files.readString(pidfile).strip());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        try {
            Launcher.Result poke = Launcher.run(
                    Duration.ofSeconds(60),
                    Map.of(),
                    "poke",
                    "--zkservers",
                    "127.0.0.1:" + port,
                    "/twitcher/detached",
                    "data");
            assertEquals(0, poke.code(), poke.err());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(out) && Files.readString(out).equals("data"));
        } finally {
            daemon.destroy();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !daemon.isAlive());
        assertFalse(Files.exists(pidfile));
        assertTrue(Files.readString(log).contains("SIGTERM received: stopping"));
    }

    /**
     * The README's quick start, as written: its run command and its poke command, with a free port in place of the
     * default 2181 (which CI may not have free).
     */
    @Test
    void theReadmeQuickStartWorksAsWritten() throws Exception {
        Path root = Path.of(System.getProperty("twitcher.source.root"))
                .toAbsolutePath()
                .normalize();
        List<String> lines = Files.readAllLines(root.resolve("README.md"));
        String build = "mvn -B -ntp -DskipTests package && ";
        String run = lines.stream()
                .filter(l -> l.startsWith(build))
                .findFirst()
                .orElseThrow()
                .substring(build.length());
        String poke = lines.stream()
                .filter(l -> l.startsWith("dist/target/twitcher/bin/twitcher poke "))
                .findFirst()
                .orElseThrow();
        int port = freePort();
        List<String> runArgs = new ArrayList<>();
        for (String word : run.split(" ")) {
            runArgs.add(
                    word.equals("--embedded-zk")
                            ? "--embedded-zk=" + port
                            : word.startsWith("config-examples/")
                                    ? root.resolve(word).toString()
                                    : word);
        }
        assertEquals("dist/target/twitcher/bin/twitcher", runArgs.remove(0));
        try (Launcher daemon = Launcher.start(Map.of(), runArgs.toArray(String[]::new))) {
            daemon.awaitOutput("Daemon ready (pid " + daemon.pid() + ")", STARTUP);
            List<String> pokeArgs = new ArrayList<>(List.of(poke.split(" ")));
            pokeArgs.remove(0);
            pokeArgs.addAll(1, List.of("--zkservers", "127.0.0.1:" + port));
            Launcher.Result result = Launcher.run(Duration.ofSeconds(60), Map.of(), pokeArgs.toArray(String[]::new));
            assertEquals(0, result.code(), result.err());
            daemon.awaitOutput("demo got: hello (event created, version 0)", Duration.ofSeconds(30));
            assertFalse(daemon.output().contains("Exception processing"), daemon.output());
            assertEquals(0, daemon.stop(Duration.ofSeconds(60)), daemon.output());
        }
    }

    @Test
    void checkListsEveryShippedExampleAndNamesTheLineOfABrokenFile() throws Exception {
        Path conf = Path.of(System.getProperty("twitcher.dist.dir")).resolve("conf");
        Launcher.Result good = Launcher.run(STARTUP, Map.of(), "check", conf.toString());
        assertEquals(0, good.code(), good.out() + good.err());
        try (var files = Files.list(conf)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                assertTrue(good.out().contains(f + ": OK"), f + " missing from: " + good.out());
            }
        }
        Path broken = Files.createDirectory(dir.resolve("broken"));
        Files.writeString(
                broken.resolve("deploy.twc"),
                "RegisterWatch(znode='/git/head',\n" + "              action=Exec('git pull'), timeout=0)\n");
        Launcher.Result bad = Launcher.run(STARTUP, Map.of(), "check", broken.toString());
        assertEquals(1, bad.code(), bad.out() + bad.err());
        assertTrue(
                bad.out()
                        .contains(broken.resolve("deploy.twc") + ":1: RegisterWatch: timeout must be a number"
                                + " of seconds greater than 0"),
                bad.out());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
