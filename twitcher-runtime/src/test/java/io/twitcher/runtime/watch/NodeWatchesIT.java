package io.twitcher.runtime.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.WatchType;
import io.twitcher.runtime.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingZooKeeperServer;
import org.junit.jupiter.api.Test;

/**
 * Thousands of watches through {@link NodeWatches}, whose reads after a (re)connection are pipelined: after a
 * session expiry every node is read again, each change made meanwhile (a new node included) is reported once, and
 * every watch is armed again.
 */
class NodeWatchesIT {
    private static final int NODES = 3000;

    @Test
    void thousandsOfWatchesCatchUpOnceAfterASessionExpiryAndStayArmed() throws Exception {
        try (TestingCluster cluster = new TestingCluster(3); LogCapture log = new LogCapture()) {
            cluster.start();
            List<InstanceSpec> specs = List.copyOf(cluster.getInstances());
            InstanceSpec mine = specs.get(0);
            String others = specs.get(1).getConnectString() + "," + specs.get(2).getConnectString();
            try (CuratorFramework writer = CuratorFrameworkFactory.newClient(others, new RetryOneTime(200));
                 CuratorFramework client = CuratorFrameworkFactory.builder().connectString(mine.getConnectString())
                         .sessionTimeoutMs(3000).connectionTimeoutMs(3000).retryPolicy(new RetryOneTime(200))
                         .ensembleTracker(false).build()) {
                writer.start();
                writer.blockUntilConnected();
                // Even nodes exist from the start; odd ones are created while the daemon's session is gone.
                writeAll(writer, i -> i % 2 == 0, "v0", true);
                Map<String, List<String>> events = new ConcurrentHashMap<>();
                try (NodeWatches nodes = new NodeWatches(client)) {
                    for (int i = 0; i < NODES; i++) {
                        String path = path(i);
                        List<String> seen = events.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>());
                        nodes.subscribe(path, WatchType.DATA, (event, snapshot) -> seen.add(event + " "
                                + new String(snapshot.data(), StandardCharsets.UTF_8)), true);
                    }
                    client.start();
                    assertTrue(client.blockUntilConnected(30, TimeUnit.SECONDS));
                    assertTrue(nodes.awaitArmed(Duration.ofSeconds(30)));
                    await().until(() -> count(events, 1) == NODES / 2);

                    TestingZooKeeperServer server = cluster.getServers().stream()
                            .filter(s -> s.getInstanceSpec().equals(mine)).findFirst().orElseThrow();
                    server.stop();
                    writeAll(writer, i -> i % 2 == 0, "v1", false);
                    writeAll(writer, i -> i % 2 == 1, "v1", true);
                    await().atMost(Duration.ofSeconds(30)).until(() -> !log.containing("lost (session expired")
                            .isEmpty());
                    server.restart();
                    await().atMost(Duration.ofSeconds(60)).until(() -> !log.containing("Read " + NODES
                            + " watched node(s)").isEmpty() && count(events, 0) == 0);
                    for (int i = 0; i < NODES; i++) {
                        List<String> expected = i % 2 == 0 ? List.of("LOAD v0", "RECONNECT v1") : List.of("RECONNECT v1");
                        assertEquals(expected, events.get(path(i)), path(i));
                    }

                    writeAll(writer, i -> true, "v2", false);
                    await().atMost(Duration.ofSeconds(60)).until(() -> events.values().stream()
                            .allMatch(e -> e.get(e.size() - 1).equals("CHANGED v2")));
                    events.forEach((path, seen) -> assertEquals(1, seen.stream().filter(e -> e.startsWith("CHANGED"))
                            .count(), path));
                }
            }
        }
    }

    private static String path(int i) {
        return "/many/n" + i;
    }

    /** The number of nodes whose listener heard exactly {@code n} events. */
    private static long count(Map<String, List<String>> events, int n) {
        return events.values().stream().filter(e -> e.size() == n).count();
    }

    /** Creates or sets the selected nodes, all requests in flight at once. */
    private static void writeAll(CuratorFramework writer, java.util.function.IntPredicate which, String data,
                                 boolean create) throws Exception {
        List<Integer> selected = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            if (which.test(i)) {
                selected.add(i);
            }
        }
        CountDownLatch done = new CountDownLatch(selected.size());
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        for (int i : selected) {
            if (create) {
                writer.create().creatingParentsIfNeeded().inBackground((c, e) -> done.countDown())
                        .forPath(path(i), bytes);
            } else {
                writer.setData().inBackground((c, e) -> done.countDown()).forPath(path(i), bytes);
            }
        }
        assertTrue(done.await(60, TimeUnit.SECONDS));
    }
}
