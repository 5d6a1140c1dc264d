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
}
