package io.twitcher.runtime.watch;

import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchType;
import io.twitcher.runtime.run.NodeSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
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

    private static final WatchMember[] NONE = new WatchMember[0];
    private static final Runnable NOTHING = () -> {};
    private static final AtomicIntegerFieldUpdater<NodeWatch> CATCH_UP =
            AtomicIntegerFieldUpdater.newUpdater(NodeWatch.class, "catchUp");
    private static final AtomicLongFieldUpdater<NodeWatch> READS_ISSUED =
            AtomicLongFieldUpdater.newUpdater(NodeWatch.class, "readsIssued");

    // Few fields and no helper objects until needed: a daemon may hold 100,000 of these (docs/benchmarks.md).
    private final String path;
    private final WatchType type;
    private final NodeWatchOwner owner;
    /** One WatchMember (the usual case: no array), or a WatchMember[]; copied on write under {@code this}. */
    private volatile Object members = NONE;

    private volatile NodeSnapshot known;
    private volatile boolean released;
    /** Made on the first failed read that a reconnect does not cure. */
    private volatile ReadRetry retry;
    /** 1 when the connection was lost since the last read: the next read that sees a change is the catch-up. */
    private volatile int catchUp;
    /** Reads issued, numbered: ZooKeeper answers one session's requests in order, so a higher number is newer. */
    private volatile long readsIssued;

    private long readApplied; // the number of the read that set known; reader executor only

    NodeWatch(String path, WatchType type, NodeWatchOwner owner) {
        this.path = path;
        this.type = type;
        this.owner = owner;
    }

    private WatchMember[] members() {
        Object m = members;
        return m instanceof WatchMember one ? new WatchMember[] {one} : (WatchMember[]) m;
    }

    /** The ZooKeeper side, made for each read: it keeps no state. */
    private NodeReader zk() {
        return new NodeReader(owner.client(), path, type, this);
    }

    private long nextRead() {
        return READS_ISSUED.incrementAndGet(this);
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
        ReadRetry r = retry;
        return known != null || r != null && r.unreadable();
    }

    /** The server refused the daemon's credentials (AuthFailed), read in flight or not. Reader executor only. */
    void authFailed() {
        if (!released) {
            unreadable(NodeReader.AUTH_FAILED, false);
        }
    }

    /** The connection went away: whatever the next read finds changed happened while disconnected. */
    void disconnected() {
        catchUp = 1;
    }

    String path() {
        return path;
    }

    WatchType type() {
        return type;
    }

    Subscription add(NodeListener listener, boolean runOnLoad) {
        WatchMember m = new WatchMember(this, listener, runOnLoad);
        synchronized (this) {
            WatchMember[] was = members();
            WatchMember[] now = Arrays.copyOf(was, was.length + 1);
            now[was.length] = m;
            members = now.length == 1 ? m : now;
        }
        // A member that joins a watch that was read already gets its first read now, like everyone else did.
        owner.execute(() -> deliverLoad(m));
        return m;
    }

    private void deliverLoad(WatchMember m) {
        NodeSnapshot k = known;
        if (k != null && Arrays.asList(members()).contains(m)) {
            m.firstRead(k);
        }
    }

    void remove(WatchMember m) {
        synchronized (this) {
            List<WatchMember> now = new ArrayList<>(Arrays.asList(members()));
            if (!now.remove(m)) {
                return;
            }
            members = now.size() == 1 ? now.get(0) : now.toArray(NONE);
            released = now.isEmpty();
            if (!released) {
                return;
            }
        }
        owner.released(this);
    }

    @Override
    public void process(WatchedEvent event) {
        LOG.debug("{} {}: ZooKeeper event {}", type, path, event.getType());
        if (event.getType() == Event.EventType.None || released) {
            return;
        }
        // Asynchronous like the reads after a reconnect: a blocking ZooKeeper read waits on its request's monitor,
        // which the JVM then keeps inflated for up to a minute (10,000 events: ~1.4 MiB of native memory).
        owner.execute(() -> readAsync(false, NOTHING));
    }

    /** Reads the node and re-arms the watch. Runs on the reader executor only. */
    void read(boolean afterReconnect) {
        if (released) {
            return;
        }
        if (!owner.client().getZookeeperClient().isConnected()) {
            LOG.debug("{} {}: not connected; read again on connection", type, path);
            return; // the connection listener reads again once connected
        }
        long number = nextRead();
        NodeSnapshot now;
        try {
            now = zk().read();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException e) {
            LOG.debug("Reading {} failed; it is read again on reconnect", path, e);
            return;
        } catch (Exception e) {
            // An ACL that forbids reading, a bad chroot: the operator must hear of it, and it may be fixed any time.
            unreadable(
                    e instanceof KeeperException ke ? zk().reason(ke.code(), null) : e.getMessage(),
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
        ReadRetry r = retry;
        if (r == null) {
            r = new ReadRetry(path);
            retry = r;
        }
        long delayMillis = r.failed(reason);
        owner.read(this);
        owner.readLater(this, delayMillis);
    }

    /**
     * Reads the node and re-arms the watch without blocking: the answer is applied on the reader executor, then
     * {@code done} runs there, whatever the outcome. Called on the reader executor.
     */
    void readAsync(boolean afterReconnect, Runnable done) {
        if (released || !owner.client().getZookeeperClient().isConnected()) {
            owner.execute(done); // never inline: a caller issuing many reads must not recurse
            return;
        }
        issue(nextRead(), afterReconnect, done);
    }

    private void issue(long number, boolean afterReconnect, Runnable done) {
        zk().readAsync(new NodeReader.Answer() {
            @Override
            public void read(NodeSnapshot now) {
                owner.execute(() -> {
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
            owner.execute(done);
        } else {
            // An ACL that forbids reading, a bad chroot: the operator must hear of it, and it may be fixed any time.
            String reason = zk().reason(code, detail);
            if (code == KeeperException.Code.SESSIONCLOSEDREQUIRESASLAUTH) {
                owner.sessionRefused(true); // now: the connection's drop that follows is reported at once
            }
            owner.execute(() -> {
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
        ReadRetry r = retry;
        if (r != null) {
            r.succeeded();
        }
        // A change found after the connection went away is the catch-up, whichever read finds it first.
        boolean reconnect = afterReconnect | CATCH_UP.getAndSet(this, 0) == 1;
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
        for (WatchMember m : members()) {
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
