package io.twitcher.runtime.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.daemon.DaemonSettings;
import io.twitcher.runtime.daemon.Twitcher;
import io.twitcher.runtime.testing.LogCapture;
import io.twitcher.runtime.testing.ZkFixture;
import io.twitcher.runtime.testing.ZooKeeperExitGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingZooKeeperServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults: a server that stops and comes back, and a 3-node cluster whose member the daemon uses goes away long
 * enough for the session to expire while the data changes elsewhere. Afterwards every change is acted on, once.
 */
@ExtendWith(ZooKeeperExitGuard.ForClass.class) // a restarted server must not end the test JVM
class FaultsIT {
    @TempDir
    Path dir;

    private static String recorder(Path out) {
        return "echo \"$TWITCHER_EVENT $(cat | tr '\\n' ',')\" >> " + out;
    }

    @Test
    void serverRestartRearmsWatchesAndKeepsWorking() throws Exception {
        try (ZkFixture zk = new ZkFixture(dir);
                LogCapture log = new LogCapture()) {
            zk.poke("/r", "1");
            zk.writeConfig("a.properties", "znode=/r\ncommand=" + recorder(dir.resolve("runs")));
            zk.startTwitcher();
            await().until(() -> zk.lines("runs").equals(List.of("load 1")));
            zk.server().stop();
            await().until(() -> !log.containing("Connection to ZooKeeper").isEmpty());
            zk.server().restart();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> log.containing("reconnected").size() >= 1);
            zk.client().blockUntilConnected();
            zk.poke("/r", "2");
            await().atMost(Duration.ofSeconds(20)).until(() -> zk.lines("runs").equals(List.of("load 1", "changed 2")));
        }
    }

    @Test
    void changesMadeDuringASessionExpiryRunOnceAfterReconnect() throws Exception {
        try (ThreeNodes nodes3 = new ThreeNodes();
                LogCapture log = new LogCapture()) {
            InstanceSpec mine = nodes3.mine;
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Path runs = dir.resolve("runs");
            Path kids = dir.resolve("kids");
            Files.writeString(
                    conf.resolve("a.properties"),
                    "d.znode=/e/data\nd.command=" + recorder(runs)
                            + "\nc.znode=/e/list\nc.watch_type=CHILDREN\nc.command=" + recorder(kids) + "\n");
            try (CuratorFramework writer = nodes3.writer()) {
                writer.start();
                writer.blockUntilConnected();
                writer.create().creatingParentsIfNeeded().forPath("/e/data", "before".getBytes());
                writer.create().creatingParentsIfNeeded().forPath("/e/list/a");
                try (Twitcher t = new Twitcher(DaemonSettings.builder()
                        .zkServers(mine.getConnectString())
                        .configPath(conf)
                        .sessionTimeout(Duration.ofSeconds(3))
                        .build())) {
                    t.start();
                    await().until(() -> lines(runs).equals(List.of("load before"))
                            && lines(kids).equals(List.of("load a")));
                    TestingZooKeeperServer server = nodes3.myServer();
                    server.stop();
                    writer.setData().forPath("/e/data", "during".getBytes());
                    writer.create().forPath("/e/list/b");
                    // Curator reports LOST once the session timeout has passed without a connection.
                    await().atMost(Duration.ofSeconds(30)).until(() -> !log.containing("lost (session expired")
                            .isEmpty());
                    server.restart();
                    await().atMost(Duration.ofSeconds(40))
                            .until(() -> lines(runs).size() == 2 && lines(kids).size() == 2);
                    assertEquals("reconnect during", lines(runs).get(1));
                    assertEquals("reconnect a,b", lines(kids).get(1));
                    // Once: a later update is an ordinary change, and nothing ran twice for the catch-up.
                    writer.setData().forPath("/e/data", "after".getBytes());
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> lines(runs).size() == 3);
                    assertEquals(List.of("load before", "reconnect during", "changed after"), lines(runs));
                    assertEquals(2, lines(kids).size());
                    assertTrue(log.containing("reconnected").size() >= 1);
                }
            }
        }
    }

    @Test
    void aWriteDuringAShortDisconnectRunsOnceAsAReconnect() throws Exception {
        try (ThreeNodes nodes3 = new ThreeNodes();
                LogCapture log = new LogCapture()) {
            InstanceSpec mine = nodes3.mine;
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Path runs = dir.resolve("runs");
            Files.writeString(conf.resolve("a.properties"), "znode=/s/data\ncommand=" + recorder(runs) + "\n");
            try (CuratorFramework writer = nodes3.writer()) {
                writer.start();
                writer.blockUntilConnected();
                writer.create().creatingParentsIfNeeded().forPath("/s/data", "before".getBytes());
                // A session long enough to survive the server's restart: the same session reconnects.
                try (Twitcher t = new Twitcher(DaemonSettings.builder()
                        .zkServers(mine.getConnectString())
                        .configPath(conf)
                        .sessionTimeout(Duration.ofSeconds(30))
                        .build())) {
                    t.start();
                    await().until(() -> lines(runs).equals(List.of("load before")));
                    TestingZooKeeperServer server = nodes3.myServer();
                    server.stop();
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> !log.containing("Connection to ZooKeeper suspended")
                                    .isEmpty());
                    writer.setData().forPath("/s/data", "during".getBytes());
                    server.restart();
                    await().atMost(Duration.ofSeconds(40))
                            .until(() -> lines(runs).size() == 2);
                    assertEquals("reconnect during", lines(runs).get(1));
                    assertTrue(log.containing("lost (session expired").isEmpty(), "the session should have survived");
                    writer.setData().forPath("/s/data", "after".getBytes());
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> lines(runs).size() == 3);
                    assertEquals(List.of("load before", "reconnect during", "changed after"), lines(runs));
                }
            }
        }
    }

    private static List<String> lines(Path p) throws java.io.IOException {
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }
}
