package io.twitcher.runtime.watch;

import static org.awaitility.Awaitility.await;

import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A children watch's TWITCHER_VERSION is the node's data version (SPEC §4), not its child version. */
class ChildrenVersionIT {
    @TempDir
    Path dir;

    @Test
    void childrenWatchReportsTheDataVersion() throws Exception {
        try (ZkFixture zk = new ZkFixture(dir)) {
            zk.poke("/p", "a");
            zk.poke("/p", "b"); // data version 1
            zk.client().create().forPath("/p/x");
            zk.client().create().forPath("/p/y"); // child version 2
            zk.writeConfig("c.properties", "znode=/p\nwatch_type=WATCH_CHILDREN\ncommand=echo \"$TWITCHER_EVENT"
                    + " $TWITCHER_VERSION $(cat | tr '\\n' ',')\" >> " + zk.file("runs"));
            zk.startTwitcher();
            await().until(() -> zk.lines("runs").equals(List.of("load 1 x,y")));
            zk.client().create().forPath("/p/z");
            await().until(() -> zk.lines("runs").equals(List.of("load 1 x,y", "children 1 x,y,z")));
        }
    }
}
