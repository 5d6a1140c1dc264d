package io.twitcher.runtime.watch;

import io.twitcher.runtime.run.NodeSnapshot;
import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ZooKeeper watch on one path, shared by every listener that watches that path the same way. Each ZooKeeper
 * event (and each reconnect) leads to a fresh read that re-arms the watch; the read runs on the reader executor,
 * never on ZooKeeper's event thread. Reads after a (re)connection are asynchronous ({@link #readAsync}) so that
 * thousands of them can be in flight at once; their answers are applied on the reader executor too, and an answer
 * older than one already applied is dropped, so {@link #known} only moves forward. Listeners hear
 * of a change when the relevant zxid moved, which makes duplicate events and re-reads harmless and turns a change
 * made while disconnected into exactly one {@link TriggerEvent#RECONNECT}.
 */
final class NodeWatch implements Watcher {
    private static final Logger LOG = LoggerFactory.getLogger(NodeWatch.class);

    private final CuratorFramework client;
    private final String path;
    private final WatchType type;
    private final Executor reader;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private volatile NodeSnapshot known;
    private volatile boolean released;
    /** Reads issued, numbered: ZooKeeper answers one session's requests in order, so a higher number is newer. */
    private final AtomicLong readsIssued = new AtomicLong();
    private long readApplied; // the number of the read that set known; reader executor only
    /** Consecutive failed reads other than connection loss; touched on the reader executor only. */
    private int failedReads;
    private static final long MAX_RETRY_SECONDS = 60;
    private static final String NOAUTH =
            "not allowed by its ACL (NoAuth; give the daemon credentials with --zk_auth_file)";

    /** A listener and whether it still waits for its first read (its run_on_load). */
    final class Member implements Subscription {
        final NodeListener listener;
        final boolean runOnLoad;
        volatile boolean awaitingLoad = true;

        Member(NodeListener listener, boolean runOnLoad) {
            this.listener = listener;
            this.runOnLoad = runOnLoad;
        }

        @Override
        public NodeSnapshot latest() {
            NodeSnapshot k = known;
            return k == null ? NodeSnapshot.MISSING : k;
        }

        @Override
        public void close() {
            removeMember(this);
        }
    }

    /** The registry: told when the last member leaves (it forgets this watch) and after every read. */
    interface Owner {
        void released(NodeWatch watch);

        void read(NodeWatch watch);
    }

    private final Owner owner;

    NodeWatch(CuratorFramework client, String path, WatchType type, Executor reader, Owner owner) {
        this.client = client;
        this.path = path;
        this.type = type;
        this.reader = reader;
        this.owner = owner;
    }

    String path() {
        return path;
    }

    WatchType type() {
        return type;
    }

    Subscription add(NodeListener listener, boolean runOnLoad) {
        Member m = new Member(listener, runOnLoad);
        members.add(m);
        // A member that joins a watch that was read already gets its first read now, like everyone else did.
        reader.execute(() -> deliverLoad(m));
        return m;
    }

    private void deliverLoad(Member m) {
        NodeSnapshot k = known;
        if (k != null && members.contains(m)) {
            firstRead(m, k);
        }
    }

    /** A member's first read: a LOAD event if the node exists and it runs on load. False when it had one already. */
    private static boolean firstRead(Member m, NodeSnapshot snapshot) {
        if (!m.awaitingLoad) {
            return false;
        }
        m.awaitingLoad = false;
        if (snapshot.exists() && m.runOnLoad) {
            m.listener.nodeChanged(TriggerEvent.LOAD, snapshot);
        }
        return true;
    }

    private void removeMember(Member m) {
        if (members.remove(m) && members.isEmpty()) {
            released = true;
            owner.released(this);
        }
    }

    @Override
    public void process(WatchedEvent event) {
        LOG.debug("{} {}: ZooKeeper event {}", type, path, event.getType());
        if (event.getType() == Event.EventType.None || released) {
            return;
        }
        reader.execute(() -> read(false));
    }

    /** Reads the node and re-arms the watch. Runs on the reader executor only. */
    void read(boolean afterReconnect) {
        if (released) {
            return;
        }
        if (!client.getZookeeperClient().isConnected()) {
            LOG.debug("{} {}: not connected; read again on connection", type, path);
            return; // the connection listener reads again once connected
        }
        long number = readsIssued.incrementAndGet();
        NodeSnapshot now;
        try {
            now = type == WatchType.DATA ? readData() : readChildren();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException e) {
            LOG.debug("Reading {} failed; it is read again on reconnect", path, e);
            return;
        } catch (Exception e) {
            // An ACL that forbids reading, a bad chroot: the operator must hear of it, and it may be fixed any time.
            String reason = e instanceof KeeperException.NoAuthException ? NOAUTH : e.getMessage();
            retryLater(reason, () -> read(afterReconnect));
            return;
        }
        apply(number, now, afterReconnect);
    }

    /**
     * Reads the node and re-arms the watch without blocking: the answer is applied on the reader executor, then
     * {@code done} runs there, whatever the outcome. Called on the reader executor.
     */
    void readAsync(boolean afterReconnect, Runnable done) {
        if (released || !client.getZookeeperClient().isConnected()) {
            reader.execute(done); // never inline: a caller issuing many reads must not recurse
            return;
        }
        issue(readsIssued.incrementAndGet(), afterReconnect, done);
    }

    private void issue(long number, boolean afterReconnect, Runnable done) {
        try {
            if (type == WatchType.DATA) {
                client.getData().usingWatcher(this)
                        .inBackground((c, e) -> answered(number, afterReconnect, done, e)).forPath(path);
            } else {
                client.getChildren().usingWatcher(this)
                        .inBackground((c, e) -> answered(number, afterReconnect, done, e)).forPath(path);
            }
        } catch (Exception e) {
            failed(KeeperException.Code.SYSTEMERROR, e.toString(), done);
        }
    }

    /** ZooKeeper's answer, on its event thread: hand it to the reader executor, or look for the node's creation. */
    private void answered(long number, boolean afterReconnect, Runnable done, CuratorEvent e) {
        KeeperException.Code code = KeeperException.Code.get(e.getResultCode());
        if (code == KeeperException.Code.OK) {
            NodeSnapshot now = type == WatchType.DATA ? dataSnapshot(e.getData(), e.getStat())
                    : childrenSnapshot(e.getChildren(), e.getStat());
            reader.execute(() -> {
                apply(number, now, afterReconnect);
                done.run();
            });
        } else if (code == KeeperException.Code.NONODE) {
            try {
                client.checkExists().usingWatcher(this).inBackground((c, x) -> {
                    if (x.getStat() != null) {
                        issue(number, afterReconnect, done); // created meanwhile: read it
                    } else if (KeeperException.Code.get(x.getResultCode()) == KeeperException.Code.NONODE
                            || KeeperException.Code.get(x.getResultCode()) == KeeperException.Code.OK) {
                        reader.execute(() -> {
                            apply(number, NodeSnapshot.MISSING, afterReconnect);
                            done.run();
                        });
                    } else {
                        failed(KeeperException.Code.get(x.getResultCode()), null, done);
                    }
                }).forPath(path);
            } catch (Exception x) {
                failed(KeeperException.Code.SYSTEMERROR, x.toString(), done);
            }
        } else {
            failed(code, null, done);
        }
    }

    private void failed(KeeperException.Code code, String detail, Runnable done) {
        if (code == KeeperException.Code.CONNECTIONLOSS || code == KeeperException.Code.SESSIONEXPIRED) {
            LOG.debug("Reading {} failed ({}); it is read again on reconnect", path, code);
            reader.execute(done);
        } else {
            // An ACL that forbids reading, a bad chroot: the operator must hear of it, and it may be fixed any time.
            String reason = code == KeeperException.Code.NOAUTH ? NOAUTH
                    : detail != null ? detail : KeeperException.create(code, path).getMessage();
            reader.execute(() -> {
                retryLater(reason, () -> readAsync(false, () -> { }));
                done.run();
            });
        }
    }

    /** Applies a read's result unless a newer read was applied already. Reader executor only. */
    private void apply(long number, NodeSnapshot now, boolean afterReconnect) {
        if (number < readApplied) {
            LOG.debug("{} {}: read {} answered after read {}; dropped", type, path, number, readApplied);
            return;
        }
        readApplied = number;
        if (failedReads > 0) {
            LOG.info("Reading {} works again", path);
            failedReads = 0;
        }
        NodeSnapshot before = known;
        known = now;
        LOG.debug("{} {}: read exists={} version={} zxid={} (before: {})", type, path, now.exists(), now.version(),
                now.zxid(), before == null ? "not read" : before.zxid());
        owner.read(this);
        for (Member m : members) {
            if (firstRead(m, now)) {
                continue;
            }
            TriggerEvent event = eventFor(before, now, afterReconnect);
            if (event != null) {
                m.listener.nodeChanged(event, now);
            }
        }
    }

    /**
     * Reads again after 1, 2, 4 ... {@value #MAX_RETRY_SECONDS} s: one warning for the first failure, DEBUG for the
     * retries. The delay runs on the JDK's shared delay thread, the read on the reader executor, so reads stay serial.
     */
    private void retryLater(String reason, Runnable again) {
        long delay = Math.min(MAX_RETRY_SECONDS, 1L << Math.min(failedReads, 6));
        failedReads++;
        if (failedReads == 1) {
            LOG.warn("Cannot read {}: {}; retrying with backoff, up to every {} s", path, reason, MAX_RETRY_SECONDS);
        } else {
            LOG.debug("Cannot read {} (attempt {}): {}; next in {} s", path, failedReads, reason, delay);
        }
        CompletableFuture.delayedExecutor(delay, TimeUnit.SECONDS, reader).execute(() -> {
            if (!released) {
                again.run();
            }
        });
    }

    private TriggerEvent eventFor(NodeSnapshot before, NodeSnapshot now, boolean afterReconnect) {
        if (!now.exists()) {
            return null; // deletion never runs the action
        }
        boolean existedBefore = before != null && before.exists();
        if (existedBefore && before.zxid() == now.zxid()) {
            return null;
        }
        if (afterReconnect) {
            return TriggerEvent.RECONNECT;
        }
        if (!existedBefore) {
            return TriggerEvent.CREATED;
        }
        return type == WatchType.DATA ? TriggerEvent.CHANGED : TriggerEvent.CHILDREN;
    }

    private NodeSnapshot readData() throws Exception {
        while (true) {
            Stat stat = new Stat();
            try {
                byte[] data = client.getData().storingStatIn(stat).usingWatcher(this).forPath(path);
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
                return childrenSnapshot(client.getChildren().storingStatIn(stat).usingWatcher(this).forPath(path),
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
        return new NodeSnapshot(true, data, stat.getCversion(), stat.getPzxid());
    }

    /** Sets an exists-watch on a missing node; false when the node appeared meanwhile (read it again). */
    private boolean armForCreation() throws Exception {
        return client.checkExists().usingWatcher(this).forPath(path) == null;
    }
}
