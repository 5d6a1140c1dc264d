package io.twitcher.runtime.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twitcher.runtime.testing.LogCapture;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A changed QUEUE watch never runs twice at once: the new definition's first run waits for the old one's run. */
class QueueSwapIT {
    @TempDir
    Path dir;

    @Test
    void theNewDefinitionsRunOnLoadWaitsForTheOldRun() throws Exception {
        try (ZkFixture zk = new ZkFixture(dir);
                LogCapture log = new LogCapture()) {
            zk.poke("/q", "v");
            String release = zk.file("release");
            String events = zk.file("events");
            String config = "w.znode=/q\nw.description=deploy\nw.command=echo TAG-start >> " + events
                    + "; while [ ! -e " + release + " ]; do sleep 0.02; done; echo TAG-end >> " + events + "\n"
                    + "m.znode=/marker\nm.run_on_load=false\nm.command=echo m >> " + zk.file("markers") + "\n";
            zk.writeConfig("q.properties", config.replace("TAG", "old"));
            zk.startTwitcher();
            await().until(() -> zk.lines("events").equals(List.of("old-start")));
            zk.writeConfig("q.properties", config.replace("TAG", "new"));
            await().until(() -> !log.containing("q.properties: 2 watch(es) active (1 unchanged, 1 started, 1 stopped)")
                    .isEmpty());
            // The new watch's first read was queued before this marker's: once the marker ran, it was dispatched.
            zk.poke("/marker", "m");
            await().until(() -> zk.lines("markers").equals(List.of("m")));
            Files.writeString(Path.of(release), "go");
            await().until(() -> zk.lines("events").size() == 4);
            assertEquals(List.of("old-start", "old-end", "new-start", "new-end"), zk.lines("events"));
        }
    }

    @Test
    void updatesWhileTheNewDefinitionWaitsRunOnceWithTheLatestData() throws Exception {
        try (ZkFixture zk = new ZkFixture(dir);
                LogCapture log = new LogCapture()) {
            zk.poke("/q", "v1");
            String release = zk.file("release");
            String config = "w.znode=/q\nw.description=deploy\nw.command=d=$(cat); echo TAG-$d >> " + zk.file("runs")
                    + "; while [ ! -e " + release + " ]; do sleep 0.02; done\n"
                    + "m.znode=/marker\nm.run_on_load=false\nm.command=echo m >> " + zk.file("markers") + "\n";
            zk.writeConfig("q.properties", config.replace("TAG", "old"));
            zk.startTwitcher();
            await().until(() -> zk.lines("runs").equals(List.of("old-v1")));
            zk.writeConfig("q.properties", config.replace("TAG", "new"));
            await().until(() -> !log.containing("q.properties: 2 watch(es) active (1 unchanged, 1 started, 1 stopped)")
                    .isEmpty());
            zk.poke("/q", "v2");
            zk.poke("/q", "v3");
            // Both updates were read before this marker's: once the marker ran, the new watch had them all.
            zk.poke("/marker", "m");
            await().until(() -> zk.lines("markers").equals(List.of("m")));
            Files.writeString(Path.of(release), "go");
            await().until(() -> zk.lines("runs").size() >= 2);
            zk.poke("/q", "v4");
            // A run of v3 again would come before v4's: the watch runs one at a time, in order.
            await().until(() -> zk.lines("runs").contains("new-v4"));
            assertEquals(List.of("old-v1", "new-v3", "new-v4"), zk.lines("runs"));
        }
    }
}
