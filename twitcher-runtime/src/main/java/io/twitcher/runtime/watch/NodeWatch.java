package io.twitcher.runtime.watch;

import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchType;
import io.twitcher.runtime.run.NodeSnapshot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
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
    private final NodeReader zk;
    private final List<WatchMember> members = new CopyOnWriteArrayList<>();
    private volatile NodeSnapshot known;
    private volatile boolean released;
    private final ReadRetry retry;
    /** The connection was lost since the last read: the next read that sees a change is the catch-up. */
    private final AtomicBoolean catchUp = new AtomicBoolean();
    /** Reads issued, numbered: ZooKeeper answers one session's requests in order, so a higher number is newer. */
    private final AtomicLong readsIssued = new AtomicLong();

    private long readApplied; // the number of the read that set known; reader executor only

    /** The registry: told when the last member leaves (it forgets this watch) and after every read. */
    interface Owner {
        void released(NodeWatch watch);

        void read(NodeWatch watch);

        /** Reads {@code watch} again after {@code delayMillis}, on the reader executor. */
        void readLater(NodeWatch watch, long delayMillis);

        /** A read was answered ({@code false}), or refused because the session is not authenticated. */
        void sessionRefused(boolean refused);
    }

    private final Owner owner;

    NodeWatch(CuratorFramework client, String path, WatchType type, Executor reader, Owner owner) {
        this.client = client;
        this.path = path;
        this.type = type;
        this.reader = reader;
        this.owner = owner;
        this.zk = new NodeReader(client, path, type, this);
        this.retry = new ReadRetry(path);
    }

    /** Whether the node has been read (and so its watch armed) at least once. */
    boolean armed() {
        return known != null;
    }

    /** The latest state read for the node; MISSING until the first read. */
    NodeSnapshot latest() {
        NodeSnapshot k = known;
        return k == null ? NodeSnapshot.MISSING : k;
    }

    /** Armed, or found unreadable (retried on a timer): either way, waiting for it longer gains nothing. */
    boolean settled() {
        return known != null || retry.unreadable();
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
        WatchMember m = new WatchMember(this, listener, runOnLoad);
        members.add(m);
        // A member that joins a watch that was read already gets its first read now, like everyone else did.
        reader.execute(() -> deliverLoad(m));
        return m;
    }

    private void deliverLoad(WatchMember m) {
        NodeSnapshot k = known;
        if (k != null && members.contains(m)) {
            m.firstRead(k);
        }
    }

    void remove(WatchMember m) {
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
            now = zk.read();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException e) {
            LOG.debug("Reading {} failed; it is read again on reconnect", path, e);
            return;
        } catch (Exception e) {
            // An ACL that forbids reading, a bad chroot: the operator must hear of it, and it may be fixed any time.
            unreadable(
                    e instanceof KeeperException ke ? zk.reason(ke.code(), null) : e.getMessage(),
                    e instanceof KeeperException.SessionClosedRequireAuthException);
            return;
        }
        apply(number, now, afterReconnect);
    }

    /**
     * An ACL that forbids reading, a bad chroot: the operator hears of it once, and since a reconnect is no cure the
     * node is read again on a timer (backing off) until it works. Reader executor only.
     */
    private void unreadable(String reason, boolean sessionRefused) {
        owner.sessionRefused(sessionRefused);
        long delayMillis = retry.failed(reason);
        owner.read(this);
        owner.readLater(this, delayMillis);
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
        zk.readAsync(new NodeReader.Answer() {
            @Override
            public void read(NodeSnapshot now) {
                reader.execute(() -> {
                    apply(number, now, afterReconnect);
                    done.run();
                });
            }

            @Override
            public void failed(KeeperException.Code code, String detail) {
                NodeWatch.this.failed(code, detail, done);
            }
        });
    }

    private void failed(KeeperException.Code code, String detail, Runnable done) {
        if (code == KeeperException.Code.CONNECTIONLOSS || code == KeeperException.Code.SESSIONEXPIRED) {
            LOG.debug("Reading {} failed ({}); it is read again on reconnect", path, code);
            reader.execute(done);
        } else {
            // An ACL that forbids reading, a bad chroot: the operator must hear of it, and it may be fixed any time.
            String reason = zk.reason(code, detail);
            if (code == KeeperException.Code.SESSIONCLOSEDREQUIRESASLAUTH) {
                owner.sessionRefused(true); // now: the connection's drop that follows is reported at once
            }
            reader.execute(() -> {
                unreadable(reason, code == KeeperException.Code.SESSIONCLOSEDREQUIRESASLAUTH);
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
        owner.sessionRefused(false);
        retry.succeeded();
        // A change found after the connection went away is the catch-up, whichever read finds it first.
        boolean reconnect = afterReconnect | catchUp.getAndSet(false);
        NodeSnapshot before = known;
        known = now;
        LOG.debug(
                "{} {}: read exists={} version={} zxid={} (before: {})",
                type,
                path,
                now.exists(),
                now.version(),
                now.zxid(),
                before == null ? "not read" : before.zxid());
        owner.read(this);
        for (WatchMember m : members) {
            if (m.firstRead(now)) {
                continue;
            }
            TriggerEvent event = eventFor(before, now, reconnect);
            if (event != null) {
                m.tell(event, now);
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
}
