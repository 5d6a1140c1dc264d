package io.twitcher.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.cli.TwitcherCli;
import io.twitcher.runtime.daemon.Twitcher;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the daemon leaves no action process behind: not the action, not its children. */
class ShutdownIT {
    @TempDir
    Path dir;

    @Test
    void closeTerminatesEveryRunningActionGroupIncludingGrandchildren() throws Exception {
        try (ZkFixture zk = new ZkFixture(dir)) {
            zk.poke("/long", "x");
            // A shell that ignores TERM with a background grandchild: only SIGKILL after the grace ends it.
            zk.writeConfig(
                    "a.properties",
                    "znode=/long\ncommand=trap '' TERM; sleep 1000 & echo $! >> " + zk.file("pids") + "; echo $$ >> "
                            + zk.file("pids") + "; wait");
            zk.writeConfig(
                    "b.properties",
                    "znode=/long\ndescription=second\ncommand=sleep 1000 & echo $! >> " + zk.file("pids")
                            + "; echo $$ >> " + zk.file("pids") + "; wait");
            Twitcher t = zk.startTwitcher(b -> b.shutdownGrace(Duration.ofSeconds(2)));
            await().until(() -> zk.lines("pids").size() == 4);
            List<Long> pids = zk.lines("pids").stream().map(Long::parseLong).toList();
            pids.forEach(p -> assertTrue(alive(p), "process " + p + " should run before shutdown"));
            t.close();
            // close() returns once every group was killed; the kernel may take a moment to tear the last one down.
            long daemon = ProcessHandle.current().pid();
            for (long p : pids) {
                await().atMost(Duration.ofSeconds(2))
                        .untilAsserted(() -> assertFalse(alive(p), "process " + p + " outlived the daemon"));
                // Exited is not enough: a child the daemon never reaped stays a zombie for good.
                assertFalse(zombieOf(p, daemon), "process " + p + " is a zombie the daemon did not reap");
            }
        }
    }

    @Test
    void sigtermToARealDaemonKillsEveryActionGroupAndExitsZero() throws Exception {
        try (ZkFixture zk = new ZkFixture(dir)) {
            zk.poke("/long", "x");
            zk.writeConfig(
                    "a.properties",
                    "znode=/long\ncommand=trap '' TERM; sleep 1000 & echo $! >> " + zk.file("pids") + "; echo $$ >> "
                            + zk.file("pids") + "; wait");
            Path plugins = Files.createDirectories(dir.resolve("no-plugins"));
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
                            "--log_to_stdout",
                            "--shutdown_grace=2")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("output").toFile())
                    .start();
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> zk.lines("pids").size() == 2);
                List<Long> pids = zk.lines("pids").stream().map(Long::parseLong).toList();
                pids.forEach(p -> assertTrue(alive(p), "process " + p + " should run before the SIGTERM"));
                daemon.destroy(); // SIGTERM
                assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "the daemon did not stop on SIGTERM");
                assertEquals(0, daemon.exitValue(), Files.readString(dir.resolve("output")));
                for (long p : pids) {
                    await().atMost(Duration.ofSeconds(5))
                            .untilAsserted(() -> assertFalse(alive(p), "process " + p + " outlived the daemon"));
                }
            } finally {
                daemon.descendants().forEach(ProcessHandle::destroyForcibly);
                daemon.destroyForcibly();
            }
        }
    }

    private static boolean alive(long pid) {
        String state = stat(pid);
        return state != null && !state.startsWith("Z");
    }

    /** Whether {@code pid} is a zombie whose parent is {@code parent}. */
    private static boolean zombieOf(long pid, long parent) {
        String state = stat(pid);
        return state != null && state.startsWith("Z") && state.split(" ")[1].equals(Long.toString(parent));
    }

    /** /proc/PID/stat from the state field on ("S 1234 ..."), or null when the process is gone. */
    private static String stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return s.substring(s.lastIndexOf(')') + 2);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
