package io.twitcher.runtime.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run left pending while the node is deleted never starts (deletion never runs the action); a re-created node
 * runs as {@code created}. The first run blocks until the test releases it, so that the pending run exists for sure.
 */
class DeletedNodeIT {
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

    @ParameterizedTest
    @ValueSource(strings = {"QUEUE", "PARALLEL"})
    void aPendingRunIsDroppedWhenItsNodeIsDeleted(String mode) throws Exception {
        zk.poke("/d/n", "v0");
        String release = zk.file("release");
        zk.writeConfig("d.properties", "w.znode=/d/n\nw.run_on_load=false\nw.run_mode=" + mode
                + "\nw.command=echo \"$TWITCHER_EVENT $TWITCHER_VERSION $(cat)\" >> " + zk.file("runs")
                + "; while [ ! -e " + release + " ]; do sleep 0.02; done; echo end >> " + zk.file("ends") + "\n"
                + "m.znode=/marker\nm.run_on_load=false\nm.command=cat >> " + zk.file("markers") + "; echo >> "
                + zk.file("markers") + "\n");
        zk.startTwitcher(b -> b.parallelCap(1));
        zk.poke("/d/n", "v1");
        await().until(() -> zk.lines("runs").equals(List.of("changed 1 v1")));
        // ZooKeeper notifies in zxid order and the daemon reads serially: once a marker ran, what came before is known.
        zk.poke("/d/n", "v2"); // pending: the run is still blocked
        zk.poke("/marker", "m1");
        await().until(() -> zk.lines("markers").equals(List.of("m1")));
        zk.client().delete().forPath("/d/n");
        zk.poke("/marker", "m2");
        await().until(() -> zk.lines("markers").equals(List.of("m1", "m2")));
        Files.writeString(Path.of(release), "go");
        await().until(() -> zk.lines("ends").size() == 1);
        zk.poke("/d/n", "again");
        await().until(() -> zk.lines("runs").size() >= 2 && zk.lines("runs").get(zk.lines("runs").size() - 1)
                .equals("created 0 again"));
        assertEquals(List.of("changed 1 v1", "created 0 again"), zk.lines("runs"));
    }
}
