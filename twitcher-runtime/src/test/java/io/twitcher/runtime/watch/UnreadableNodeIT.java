package io.twitcher.runtime.watch;

import static org.awaitility.Awaitility.await;

import io.twitcher.runtime.daemon.Twitcher;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node the daemon may not read: it costs other loads nothing, and is read once its ACL allows it. */
class UnreadableNodeIT {
    @TempDir
    Path dir;
    private ZkFixture zk;
    private CuratorFramework owner;

    @BeforeEach
    void start() throws Exception {
        zk = new ZkFixture(dir);
        owner = CuratorFrameworkFactory.builder().connectString(zk.server().getConnectString())
                .retryPolicy(new RetryOneTime(100)).authorization("digest", "u:p".getBytes(StandardCharsets.UTF_8))
                .build();
        owner.start();
        owner.blockUntilConnected();
        Id id = new Id("digest", DigestAuthenticationProvider.generateDigest("u:p"));
        owner.create().withACL(List.of(new ACL(ZooDefs.Perms.ALL, id))).forPath("/secret",
                "hidden".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws Exception {
        owner.close();
        zk.close();
    }

    private String recorder(String name) {
        return "command=echo \"$TWITCHER_EVENT $(cat)\" >> " + zk.file(name) + "\n";
    }

    @Test
    void aWatchThatCannotBeReadDoesNotSlowDownTheLoadOfOtherFiles() throws Exception {
        zk.writeConfig("secret.properties", "znode=/secret\n" + recorder("secret"));
        Twitcher t = zk.startTwitcher();
        for (int i = 1; i <= 3; i++) {
            zk.poke("/ok" + i, "v");
            zk.writeConfig("ok" + i + ".properties", "znode=/ok" + i + "\n" + recorder("ok"));
        }
        // Loading three files takes well under a second here; before the fix each one waited 5 s for /secret.
        await().atMost(Duration.ofSeconds(6)).until(() -> t.watchCount() == 4 && zk.lines("ok").size() == 3);
    }

    @Test
    void aNodeIsReadOnceItsAclAllowsItWithoutAReconnect() throws Exception {
        zk.writeConfig("secret.properties", "znode=/secret\n" + recorder("secret"));
        zk.startTwitcher();
        owner.setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath("/secret");
        await().atMost(Duration.ofSeconds(30)).until(() -> zk.lines("secret").equals(List.of("load hidden")));
    }
}
