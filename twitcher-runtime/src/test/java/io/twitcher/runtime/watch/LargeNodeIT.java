package io.twitcher.runtime.watch;

import static org.awaitility.Awaitility.await;

import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node as large as ZooKeeper accepts is read like any other, and the connection stays healthy. */
class LargeNodeIT {
    @TempDir
    Path dir;

    @Test
    void aNodeCloseToTheOneMebibyteLimitIsRead() throws Exception {
        try (ZkFixture zk = new ZkFixture(dir)) {
            zk.poke("/small", "s");
            zk.writeConfig("big.properties", "b.znode=/big\nb.command=wc -c >> " + zk.file("sizes")
                    + "\ns.znode=/small\ns.command=cat >> " + zk.file("small") + "; echo >> " + zk.file("small") + "\n");
            // The build raises jute.maxbuffer for the whole test JVM; the daemon must not need that.
            String raised = System.clearProperty("jute.maxbuffer");
            try {
                zk.startTwitcher();
            } finally {
                if (raised != null) {
                    System.setProperty("jute.maxbuffer", raised);
                }
            }
            await().until(() -> zk.lines("small").equals(List.of("s")));
            // The reply (data, stat and headers) is 1048588 bytes: more than the client's default limit.
            byte[] data = new byte[1048500];
            Arrays.fill(data, (byte) 'x');
            zk.poke("/big", data);
            await().atMost(Duration.ofSeconds(30)).until(() -> zk.lines("sizes").stream()
                    .map(String::trim).toList().equals(List.of("1048500")));
            zk.poke("/small", "t");
            await().until(() -> zk.lines("small").equals(List.of("s", "t")));
        }
    }
}
