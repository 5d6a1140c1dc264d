package io.twitcher.runtime.watch;

import io.twitcher.api.WatchType;
import io.twitcher.runtime.run.NodeSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * The ZooKeeper side of one {@link NodeWatch}: reads its path's data or children with the watch set, blocking or in
 * the background, sets an exists-watch instead while the node is missing, and turns each answer into a
 * {@link NodeSnapshot}. It keeps no state; ordering the answers and telling the listeners is the watch's business.
 */
final class NodeReader {
    static final String NOAUTH = "not allowed by its ACL (NoAuth; give the daemon credentials with --zk_auth_file)";
    static final String UNAUTHENTICATED = "the server requires authentication, and closes the daemon's session"
            + " (SessionClosedRequireSaslAuth; give the daemon a JAAS file for SASL, or credentials with"
            + " --zk_auth_file)";
    static final String AUTH_FAILED = "ZooKeeper refused the daemon's credentials (AuthFailed; check the JAAS file's"
            + " Client section or --zk_auth_file, then restart the daemon)";

    /** Where a background read's outcome goes: called on ZooKeeper's event thread, or on the caller's. */
    interface Answer {
        void read(NodeSnapshot now);

        /** The read failed with {@code code}; {@code detail} is the reason to log, or null for the code's own. */
        void failed(KeeperException.Code code, String detail);
    }

    private final CuratorFramework client;
    private final String path;
    private final WatchType type;
    private final Watcher watcher;

    NodeReader(CuratorFramework client, String path, WatchType type, Watcher watcher) {
        this.client = client;
        this.path = path;
        this.type = type;
        this.watcher = watcher;
    }

    /** Reads the node and sets the watch, blocking. */
    NodeSnapshot read() throws Exception {
        return type == WatchType.DATA ? readData() : readChildren();
    }

    /** Reads the node and sets the watch without blocking; {@code answer} hears of the outcome, whatever it is. */
    void readAsync(Answer answer) {
        ZooKeeper zk;
        try {
            zk = zooKeeper();
        } catch (Exception e) {
            answer.failed(KeeperException.Code.CONNECTIONLOSS, e.toString());
            return;
        }
        if (type == WatchType.DATA) {
            zk.getData(
                    path,
                    watcher,
                    (rc, p, ctx, data, stat) -> answered(zk, answer, rc, () -> dataSnapshot(data, stat)),
                    null);
        } else {
            zk.getChildren(
                    path,
                    watcher,
                    (rc, p, ctx, children, stat) -> answered(zk, answer, rc, () -> childrenSnapshot(children, stat)),
                    null);
        }
    }

    /** ZooKeeper's answer, on its event thread: pass it on, or look for the node's creation. */
    private void answered(ZooKeeper zk, Answer answer, int rc, Supplier<NodeSnapshot> snapshot) {
        KeeperException.Code code = KeeperException.Code.get(rc);
        if (code == KeeperException.Code.OK) {
            answer.read(snapshot.get());
        } else if (code == KeeperException.Code.NONODE) {
            zk.exists(
                    path,
                    watcher,
                    (xrc, p, ctx, stat) -> {
                        KeeperException.Code x = KeeperException.Code.get(xrc);
                        if (stat != null) {
                            readAsync(answer); // created meanwhile: read it
                        } else if (x == KeeperException.Code.NONODE || x == KeeperException.Code.OK) {
                            answer.read(NodeSnapshot.MISSING);
                        } else {
                            answer.failed(x, null);
                        }
                    },
                    null);
        } else {
            answer.failed(code, null);
        }
    }

    /** What an operator reads about a failed background read that a reconnect does not cure. */
    String reason(KeeperException.Code code, String detail) {
        return switch (code) {
            case NOAUTH -> NOAUTH;
            case SESSIONCLOSEDREQUIRESASLAUTH -> UNAUTHENTICATED;
            case AUTHFAILED -> AUTH_FAILED;
            default ->
                detail != null ? detail : KeeperException.create(code, path).getMessage();
        };
    }

    private NodeSnapshot readData() throws Exception {
        while (true) {
            Stat stat = new Stat();
            try {
                return dataSnapshot(zooKeeper().getData(path, watcher, stat), stat);
            } catch (KeeperException.NoNodeException e) {
                if (armForCreation()) {
                    return NodeSnapshot.MISSING;
                }
            }
        }
    }

    private NodeSnapshot readChildren() throws Exception {
        while (true) {
            Stat stat = new Stat();
            try {
                return childrenSnapshot(zooKeeper().getChildren(path, watcher, stat), stat);
            } catch (KeeperException.NoNodeException e) {
                if (armForCreation()) {
                    return NodeSnapshot.MISSING;
                }
            }
        }
    }

    private static NodeSnapshot dataSnapshot(byte[] data, Stat stat) {
        return new NodeSnapshot(true, data == null ? new byte[0] : data, stat.getVersion(), stat.getMzxid());
    }

    private static NodeSnapshot childrenSnapshot(List<String> names, Stat stat) {
        List<String> children = new ArrayList<>(names);
        Collections.sort(children);
        byte[] data = String.join("\n", children).getBytes(StandardCharsets.UTF_8);
        // TWITCHER_VERSION is the node's data version for every watch type (SPEC §4).
        return new NodeSnapshot(true, data, stat.getVersion(), stat.getPzxid());
    }

    /**
     * The client's current ZooKeeper handle. The watches are set on it directly, not through Curator's builders: those
     * wrap the watcher in a new object for each path, which ZooKeeper then keeps as long as the watch (32 bytes for
     * each of 100,000 watches), and cost more per read. Each NodeWatch is one watcher, whatever it reads.
     */
    private ZooKeeper zooKeeper() throws Exception {
        return client.getZookeeperClient().getZooKeeper();
    }

    /** Sets an exists-watch on a missing node; false when the node appeared meanwhile (read it again). */
    private boolean armForCreation() throws Exception {
        return zooKeeper().exists(path, watcher) == null;
    }
}
