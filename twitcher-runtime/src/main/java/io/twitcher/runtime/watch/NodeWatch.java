package io.twitcher.runtime.watch;

import io.twitcher.runtime.run.NodeSnapshot;
import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** The last read failed for a reason a reconnect does not cure (an ACL): retried on a timer. */
    private volatile boolean unreadable;
    private long retryDelayMillis;
    /** The connection was lost since the last read: the next read that sees a change is the catch-up. */
    private final AtomicBoolean catchUp = new AtomicBoolean();
    /** Reads issued, numbered: ZooKeeper answers one session's requests in order, so a higher number is newer. */
    private final AtomicLong readsIssued = new AtomicLong();
    private long readApplied; // the number of the read that set known; reader executor only

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

        /** Whether waiting for this member's first read is over (see {@link NodeWatch#settled()}). */
        boolean settled() {
            return NodeWatch.this.settled();
        }
    }

    /** The registry: told when the last member leaves (it forgets this watch) and after every read. */
    interface Owner {
        void released(NodeWatch watch);

        void read(NodeWatch watch);

        /** Reads {@code watch} again after {@code delayMillis}, on the reader executor. */
        void readLater(NodeWatch watch, long delayMillis);
    }

    private static final long FIRST_RETRY_MILLIS = 1000;
    private static final long MAX_RETRY_MILLIS = 60_000;

    private final Owner owner;

    NodeWatch(CuratorFramework client, String path, WatchType type, Executor reader, Owner owner) {
        this.client = client;
        this.path = path;
        this.type = type;
        this.reader = reader;
        this.owner = owner;
    }

    /** Whether the node has been read (and so its watch armed) at least once. */
    boolean armed() {
        return known != null;
    }

    /** Armed, or found unreadable (retried on a timer): either way, waiting for it longer gains nothing. */
    boolean settled() {
        return known != null || unreadable;
    }

    /** The connection went away: whatever the next read finds changed happened while disconnected. */
    void disconnected() {
        catchUp.set(true);
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
    private boolean firstRead(Member m, NodeSnapshot snapshot) {
        if (!m.awaitingLoad) {
            return false;
        }
        m.awaitingLoad = false;
        if (snapshot.exists() && m.runOnLoad) {
            tell(m, TriggerEvent.LOAD, snapshot);
        }
        return true;
    }

    /** One member's failure is its own: the others, and the watch, go on. */
    private void tell(Member m, TriggerEvent event, NodeSnapshot snapshot) {
        try {
            m.listener.nodeChanged(event, snapshot);
        } catch (RuntimeException | Error e) {
            LOG.error("{} {}: a watch failed to take the {} event: {}", type, path, event.envValue(), e.toString());
            LOG.debug("Listener failure", e);
        }
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
            unreadable(e.getMessage());
            return;
        }
        apply(number, now, afterReconnect);
    }

    /**
     * An ACL that forbids reading, a bad chroot: the operator hears of it once, and since a reconnect is no cure the
     * node is read again on a timer (backing off) until it works. Reader executor only.
     */
    private void unreadable(String reason) {
        retryDelayMillis = retryDelayMillis == 0 ? FIRST_RETRY_MILLIS : Math.min(MAX_RETRY_MILLIS, retryDelayMillis * 2);
        if (!unreadable) {
            LOG.warn("Cannot watch {}: {}; trying again until it can be read", path, reason);
        } else {
            LOG.debug("Still cannot watch {}: {}", path, reason);
        }
        unreadable = true;
        owner.read(this);
        owner.readLater(this, retryDelayMillis);
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
        } else {
            String reason = detail != null ? detail : KeeperException.create(code, path).getMessage();
            reader.execute(() -> unreadable(reason));
        }
        reader.execute(done);
    }

    /** Applies a read's result unless a newer read was applied already. Reader executor only. */
    private void apply(long number, NodeSnapshot now, boolean afterReconnect) {
        if (number < readApplied) {
            LOG.debug("{} {}: read {} answered after read {}; dropped", type, path, number, readApplied);
            return;
        }
        readApplied = number;
        if (unreadable) {
            LOG.info("{} can be watched now", path);
            unreadable = false;
        }
        retryDelayMillis = 0;
        // A change found after the connection went away is the catch-up, whichever read finds it first.
        boolean reconnect = afterReconnect | catchUp.getAndSet(false);
        NodeSnapshot before = known;
        known = now;
        LOG.debug("{} {}: read exists={} version={} zxid={} (before: {})", type, path, now.exists(), now.version(),
                now.zxid(), before == null ? "not read" : before.zxid());
        owner.read(this);
        for (Member m : members) {
            if (firstRead(m, now)) {
                continue;
            }
            TriggerEvent event = eventFor(before, now, reconnect);
            if (event != null) {
                tell(m, event, now);
            }
        }
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
        // TWITCHER_VERSION is the node's data version for every watch type (SPEC §4).
        return new NodeSnapshot(true, data, stat.getVersion(), stat.getPzxid());
    }

    /** Sets an exists-watch on a missing node; false when the node appeared meanwhile (read it again). */
    private boolean armForCreation() throws Exception {
        return client.checkExists().usingWatcher(this).forPath(path) == null;
    }
}
