package io.twitcher.runtime;

import io.twitcher.runtime.daemon.Twitcher;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            zk.writeConfig("a.properties", "znode=/long\ncommand=trap '' TERM; sleep 1000 & echo $! >> "
                    + zk.file("pids") + "; echo $$ >> " + zk.file("pids") + "; wait");
            zk.writeConfig("b.properties", "znode=/long\ndescription=second\ncommand=sleep 1000 & echo $! >> "
                    + zk.file("pids") + "; echo $$ >> " + zk.file("pids") + "; wait");
            Twitcher t = zk.startTwitcher(b -> b.shutdownGrace(Duration.ofSeconds(2)));
            await().until(() -> zk.lines("pids").size() == 4);
            List<Long> pids = zk.lines("pids").stream().map(Long::parseLong).toList();
            pids.forEach(p -> assertTrue(alive(p), "process " + p + " should run before shutdown"));
            t.close();
            // close() returns once every group was killed; the kernel may take a moment to tear the last one down.
            for (long p : pids) {
                await().atMost(Duration.ofSeconds(2)).untilAsserted(
                        () -> assertFalse(alive(p), "process " + p + " outlived the daemon"));
            }
        }
    }

    private static boolean alive(long pid) {
        // A zombie has exited; /proc/PID/stat's third field says so.
        Path stat = Path.of("/proc/" + pid + "/stat");
        try {
            String s = Files.readString(stat);
            return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
