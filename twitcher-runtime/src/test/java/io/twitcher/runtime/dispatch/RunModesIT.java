package io.twitcher.runtime.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.daemon.Twitcher;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each run mode under a burst of 1,000 writes, with real shell actions. Overlap is detected with an atomic
 * {@code mkdir} lock: a run that finds the lock taken records "overlap".
 */
class RunModesIT {
    @TempDir
    Path dir;
    private ZkFixture zk;

    @BeforeEach
    void start() throws Exception {
        zk = new ZkFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
    }

    private String lockingScript() {
        return "if mkdir " + zk.file("lock") + " 2>/dev/null; then :; else echo overlap >> " + zk.file("overlaps")
                + "; fi; d=$(cat); echo \"$d\" >> " + zk.file("seen") + "; echo x >> " + zk.file("starts")
                + "; sleep 0.02; rmdir " + zk.file("lock") + " 2>/dev/null; echo \"$d\" >> " + zk.file("done");
    }

    private void burst(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            zk.client().setData().forPath("/burst", Integer.toString(i).getBytes());
        }
    }

    @Test
    void queueNeverOverlapsAndItsLastRunSeesTheFinalValue() throws Exception {
        zk.poke("/burst", "start");
        zk.writeConfig("q.properties", "znode=/burst\nrun_mode=QUEUE\nrun_on_load=false\ncommand=" + lockingScript());
        Twitcher t = zk.startTwitcher();
        burst(1000);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<String> done = zk.lines("done");
            return !done.isEmpty() && done.get(done.size() - 1).equals("999");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> zk.lines("done").size() == zk.lines("starts").size());
        assertEquals(List.of(), zk.lines("overlaps"));
        int runs = zk.lines("starts").size();
        assertTrue(runs < 1000, "writes during a run must coalesce, got " + runs + " runs");
        assertEquals(1, t.watchCount());
    }

    @Test
    void discardStartsNoRunWhileOneRuns() throws Exception {
        zk.poke("/burst", "start");
        String release = zk.file("release");
        // The first run blocks until released, so the whole burst arrives during it. QUEUE would run once more
        // afterwards (its pending run); DISCARD must not.
        zk.writeConfig("d.properties", "znode=/burst\nrun_mode=DISCARD\nrun_on_load=false\ncommand=d=$(cat); echo \"$d\""
                + " >> " + zk.file("starts") + "; while [ ! -e " + release + " ]; do sleep 0.02; done; echo \"$d\" >> "
                + zk.file("done"));
        zk.writeConfig("marker.properties", "znode=/marker\nrun_on_load=false\ncommand=cat >> " + zk.file("markers")
                + "; echo >> " + zk.file("markers"));
        zk.startTwitcher();
        zk.client().setData().forPath("/burst", "first".getBytes());
        await().until(() -> zk.lines("starts").equals(List.of("first")));
        burst(1000);
        // ZooKeeper notifies in zxid order and the daemon reads serially: once the marker ran, the burst was seen.
        zk.poke("/marker", "m");
        await().atMost(Duration.ofSeconds(30)).until(() -> zk.lines("markers").equals(List.of("m")));
        Files.writeString(Path.of(release), "go");
        await().until(() -> zk.lines("done").equals(List.of("first")));
        // A final, lone write once the watch is idle again runs; nothing from the burst ran before it.
        zk.client().setData().forPath("/burst", "after".getBytes());
        await().atMost(Duration.ofSeconds(30)).until(() -> zk.lines("done").contains("after"));
        assertEquals(List.of("first", "after"), zk.lines("starts"));
    }

    @Test
    void parallelRunsConcurrentlyButNeverAboveTheCap() throws Exception {
        zk.poke("/burst", "start");
        Path slots = Files.createDirectories(dir.resolve("slots"));
        String script = "mkdir " + slots + "/$$; ls " + slots + " | wc -l >> " + zk.file("concurrency")
                + "; d=$(cat); sleep 0.2; rmdir " + slots + "/$$; echo \"$d\" >> " + zk.file("done");
        zk.writeConfig("p.properties", "znode=/burst\nrun_mode=PARALLEL\nrun_on_load=false\ncommand=" + script);
        zk.startTwitcher(b -> b.parallelCap(3));
        burst(1000);
        await().atMost(Duration.ofSeconds(60)).until(() -> zk.lines("done").contains("999"));
        await().atMost(Duration.ofSeconds(10)).until(() -> zk.lines("done").size() == zk.lines("concurrency").size());
        int max = zk.lines("concurrency").stream().mapToInt(s -> Integer.parseInt(s.trim())).max().orElse(0);
        assertTrue(max <= 3, "cap of 3 exceeded: " + max + " runs at once");
        assertTrue(max >= 2, "PARALLEL should run concurrently, max was " + max);
    }
}
