package io.twitcher.runtime.watch;

import io.twitcher.api.WatchType;
import io.twitcher.runtime.run.NodeSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
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
        try {
            if (type == WatchType.DATA) {
                client.getData()
                        .usingWatcher(watcher)
                        .inBackground((c, e) -> answered(answer, e))
                        .forPath(path);
            } else {
                client.getChildren()
                        .usingWatcher(watcher)
                        .inBackground((c, e) -> answered(answer, e))
                        .forPath(path);
            }
        } catch (Exception e) {
            answer.failed(KeeperException.Code.SYSTEMERROR, e.toString());
        }
    }

    /** ZooKeeper's answer, on its event thread: pass it on, or look for the node's creation. */
    private void answered(Answer answer, CuratorEvent e) {
        KeeperException.Code code = KeeperException.Code.get(e.getResultCode());
        if (code == KeeperException.Code.OK) {
            answer.read(
                    type == WatchType.DATA
                            ? dataSnapshot(e.getData(), e.getStat())
                            : childrenSnapshot(e.getChildren(), e.getStat()));
        } else if (code == KeeperException.Code.NONODE) {
            try {
                client.checkExists()
                        .usingWatcher(watcher)
                        .inBackground((c, x) -> {
                            if (x.getStat() != null) {
                                readAsync(answer); // created meanwhile: read it
                            } else if (KeeperException.Code.get(x.getResultCode()) == KeeperException.Code.NONODE
                                    || KeeperException.Code.get(x.getResultCode()) == KeeperException.Code.OK) {
                                answer.read(NodeSnapshot.MISSING);
                            } else {
                                answer.failed(KeeperException.Code.get(x.getResultCode()), null);
                            }
                        })
                        .forPath(path);
            } catch (Exception x) {
                answer.failed(KeeperException.Code.SYSTEMERROR, x.toString());
            }
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
                byte[] data = client.getData()
                        .storingStatIn(stat)
                        .usingWatcher(watcher)
                        .forPath(path);
                return dataSnapshot(data, stat);
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
                return childrenSnapshot(
                        client.getChildren()
                                .storingStatIn(stat)
                                .usingWatcher(watcher)
                                .forPath(path),
                        stat);
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

    /** Sets an exists-watch on a missing node; false when the node appeared meanwhile (read it again). */
    private boolean armForCreation() throws Exception {
        return client.checkExists().usingWatcher(watcher).forPath(path) == null;
    }
}
