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

    /** Closes the daemon's session from another connection; returns once the daemon has noticed (LOST). */
    void expireSession(String connectString) throws Exception {
        int mark = mark();
        ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper twin = new ZooKeeper(connectString, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, zk.getSessionId(), zk.getSessionPasswd());
        try {
            if (!connected.await(15, TimeUnit.SECONDS)) {
                return; // the session was already gone: nothing to expire
            }
        } finally {
            twin.close();
        }
        await("the daemon's session expiry").atMost(Duration.ofSeconds(30))
                .until(() -> sawSince(mark, ConnectionState.LOST));
    }
}
