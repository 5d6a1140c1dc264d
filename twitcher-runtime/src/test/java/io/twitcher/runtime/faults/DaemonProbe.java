package io.twitcher.runtime.faults;

import static org.awaitility.Awaitility.await;

import io.twitcher.runtime.daemon.Twitcher;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * The daemon's ZooKeeper connection as the suite sees it: the states its client went through (a listener of our
 * own, so the suite does not depend on log wording), and its session, which {@link #expireSession} closes from a
 * second client with the same id and password: the server ends the session and the daemon finds it expired.
 * {@code Twitcher} does not expose its client, so the probe reads the field.
 */
final class DaemonProbe {
    private final CuratorFramework client;
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();

    DaemonProbe(Twitcher daemon) {
        try {
            Field f = Twitcher.class.getDeclaredField("client");
            f.setAccessible(true);
            client = (CuratorFramework) f.get(daemon);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the fault suite reads Twitcher's 'client' field: " + e, e);
        }
        client.getConnectionStateListenable().addListener((c, state) -> states.add(state));
    }

    /** The number of state changes so far: a mark for {@link #sawSince}. */
    int mark() {
        return states.size();
    }

    /** Whether the client reported {@code state} since {@code mark}. */
    boolean sawSince(int mark, ConnectionState state) {
        return states.subList(Math.min(mark, states.size()), states.size()).contains(state);
    }

    boolean connected() {
        return client.getZookeeperClient().isConnected();
    }

    /**
     * Closes the daemon's session from another connection and returns once the daemon has noticed (LOST, or a new
     * session). The daemon's client may take the session back before the twin's close reaches the server, so this
     * tries up to three times; false when the session survived all three (the fault did not land).
     */
    boolean expireSession(String connectString) throws Exception {
        ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
        long session = zk.getSessionId();
        byte[] password = zk.getSessionPasswd();
        int mark = mark();
        for (int attempt = 0; attempt < 3; attempt++) {
            CountDownLatch connected = new CountDownLatch(1);
            ZooKeeper twin = new ZooKeeper(
                    connectString,
                    10_000,
                    event -> {
                        if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                            connected.countDown();
                        }
                    },
                    session,
                    password);
            try {
                connected.await(15, TimeUnit.SECONDS);
            } finally {
                twin.close();
            }
            try {
                await("the daemon's session expiry")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> sawSince(mark, ConnectionState.LOST) || sessionId() != session);
                return true;
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // the daemon's client won the session back before the close: try again
            }
        }
        return false;
    }

    private long sessionId() {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return -1; // between sessions
        }
    }
}
