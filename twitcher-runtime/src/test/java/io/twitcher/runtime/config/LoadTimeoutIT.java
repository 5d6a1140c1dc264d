package io.twitcher.runtime.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.cli.TwitcherCli;
import io.twitcher.runtime.daemon.Twitcher;
import io.twitcher.runtime.testing.LogCapture;
import io.twitcher.runtime.testing.PluginArchives;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config file whose evaluation never ends: rejected after --load_timeout, the others load, SIGTERM still works. */
class LoadTimeoutIT {
    private static final String STUCK = "while True:\n    pass\n";
    /**
     * Stuck until RELEASE exists: the interrupt that ends the loop above is caught, and the loop goes on (the test
     * releases it at its end, so that no thread spins on in the test JVM).
     */
    private static final String STUCK_UNTIL_RELEASED = "import os\nwhile not os.path.exists('RELEASE'):\n"
            + "    try:\n        while not os.path.exists('RELEASE'):\n            pass\n    except:\n        pass\n";

    @TempDir
    Path dir;

    @Test
    void aFileThatNeverEndsIsRejectedAndTheOthersLoad() throws Exception {
        Path plugins = PluginArchives.only(dir, "config-jython");
        try (ZkFixture zk = new ZkFixture(dir);
                LogCapture log = new LogCapture()) {
            zk.poke("/n", "v");
            zk.writeConfig("a-stuck.twc", STUCK);
            zk.writeConfig("b-ok.twc", "RegisterWatch('/n', Exec('echo twc >> " + zk.file("runs") + "'))\n");
            zk.writeConfig("c.properties", "znode=/n\ncommand=echo properties >> " + zk.file("runs"));
            CompletableFuture<Twitcher> started = CompletableFuture.supplyAsync(() -> {
                try {
                    return zk.startTwitcher(b -> b.pluginsDir(plugins).loadTimeout(Duration.ofSeconds(8)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Twitcher t = started.get(60, TimeUnit.SECONDS);
            assertEquals(
                    List.of("Exception processing " + zk.configDir().resolve("a-stuck.twc") + ": "
                            + zk.configDir().resolve("a-stuck.twc") + ": evaluation did not finish within 8 s"),
                    log.containing("evaluation did not finish"));
            await().until(() -> zk.lines("runs").size() == 2);
            assertEquals(
                    List.of("properties", "twc"),
                    zk.lines("runs").stream().sorted().toList());
            assertEquals(2, t.watchCount());
            // Another .twc file loads later too: the stuck interpreter does not block it.
            zk.writeConfig("d-later.twc", "RegisterWatch('/n', Exec('echo later >> " + zk.file("runs") + "'))\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> zk.lines("runs").contains("later"));
            CompletableFuture.runAsync(t::close).get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermStopsADaemonWhoseStartIsStuckInAConfigFile() throws Exception {
        Path plugins = PluginArchives.only(dir, "config-jython");
        try (ZkFixture zk = new ZkFixture(dir)) {
            zk.writeConfig("stuck.twc", STUCK);
            Path output = dir.resolve("output");
            Process daemon = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            // The daemon keeps its state where this test JVM does (target/), never in /var/lib.
                            "-Dtwitcher.state.dir=" + System.getProperty("twitcher.state.dir", "target/state"),
                            TwitcherCli.class.getName(),
                            "--config_path=" + zk.configDir(),
                            "--zkservers=" + zk.server().getConnectString(),
                            "--plugins_dir=" + plugins,
                            "--log_to_stdout")
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(output)
                        .contains("Loading configuration from " + zk.configDir().resolve("stuck.twc")));
                daemon.destroy(); // SIGTERM, long before the 30 s load timeout
                assertTrue(daemon.waitFor(20, TimeUnit.SECONDS), "SIGTERM did not stop a daemon stuck starting");
                assertEquals(0, daemon.exitValue(), Files.readString(output));
            } finally {
                daemon.descendants().forEach(ProcessHandle::destroyForcibly);
                daemon.destroyForcibly();
            }
        }
    }

    @Test
    void stuckEvaluationsAreBoundedAndThenLoadsAreRefusedInOneLine() throws Exception {
        Path plugins = PluginArchives.only(dir, "config-jython");
        Path release = dir.resolve("release");
        String stuckForGood = STUCK_UNTIL_RELEASED.replace("RELEASE", release.toString());
        try (io.twitcher.runtime.plugin.PluginRegistry registry =
                        io.twitcher.runtime.plugin.PluginRegistry.load(plugins);
                FileLoader loader = new FileLoader(registry, Duration.ofSeconds(1), 2)) {
            for (String name : List.of("s1.twc", "s2.twc")) {
                io.twitcher.api.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                        io.twitcher.api.ConfigException.class, () -> loader.load(file(name, stuckForGood)));
                assertEquals(name + ": evaluation did not finish within 1 s", e.getMessage());
            }
            // Each stuck evaluation holds a thread that cannot be stopped: a third is not started.
            for (String name : List.of("s3.twc", "ok.twc")) {
                String text = name.equals("ok.twc") ? "RegisterWatch('/n', Exec('true'))\n" : stuckForGood;
                io.twitcher.api.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                        io.twitcher.api.ConfigException.class, () -> loader.load(file(name, text)));
                assertEquals(
                        name + ": not loaded: 2 earlier config evaluations never finished and each holds a thread;"
                                + " fix those files (see the 'did not finish' lines) and restart the daemon",
                        e.getMessage());
            }
            long threads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("twitcher-config-eval"))
                    .count();
            org.junit.jupiter.api.Assertions.assertTrue(threads <= 3, "evaluation threads: " + threads);
        } finally {
            Files.writeString(release, "done");
        }
    }

    private static io.twitcher.api.ConfigFile file(String name, String text) {
        return new io.twitcher.api.ConfigFile(Path.of("/etc/twitcher", name), name, text.getBytes());
    }
}
