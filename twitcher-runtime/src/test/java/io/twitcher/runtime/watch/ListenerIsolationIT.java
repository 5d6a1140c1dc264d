package io.twitcher.runtime.watch;

import static org.awaitility.Awaitility.await;

import io.twitcher.api.WatchType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** The shared node watches against a real ZooKeeper: one listener's failure is its own. */
class ListenerIsolationIT {

    @Test
    void aListenerThatThrowsDoesNotKeepTheOthersFromHearing() throws Exception {
        try (TestingServer server = new TestingServer(true);
             CuratorFramework client = CuratorFrameworkFactory.newClient(server.getConnectString(),
                     new RetryOneTime(100))) {
            NodeWatches watches = new NodeWatches(client);
            client.start();
            client.blockUntilConnected();
            client.create().forPath("/f", "0".getBytes(StandardCharsets.UTF_8));
            List<String> failing = new CopyOnWriteArrayList<>();
            List<String> heard = new CopyOnWriteArrayList<>();
            watches.subscribe("/f", WatchType.DATA, (event, snapshot) -> {
                failing.add(new String(snapshot.data(), StandardCharsets.UTF_8));
                throw new IllegalStateException("this listener fails");
            }, false);
            watches.subscribe("/f", WatchType.DATA, (event, snapshot) ->
                    heard.add(new String(snapshot.data(), StandardCharsets.UTF_8)), false);
            watches.awaitArmed(Duration.ofSeconds(10));
            client.setData().forPath("/f", "1".getBytes(StandardCharsets.UTF_8));
            await().until(() -> heard.equals(List.of("1")) && failing.equals(List.of("1")));
            client.setData().forPath("/f", "2".getBytes(StandardCharsets.UTF_8));
            await().until(() -> heard.equals(List.of("1", "2")) && failing.equals(List.of("1", "2")));
            watches.close();
        }
    }
}
