package io.twitcher.runtime.watch;

import io.twitcher.api.WatchType;
import io.twitcher.runtime.lifecycle.Lifecycle;
import io.twitcher.runtime.lifecycle.NamedThreads;
import java.io.Closeable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.slf4j.event.Level;

/**
 * The daemon's ZooKeeper watches: one {@link NodeWatch} per path and watch type however many watch definitions
 * share it, all handled on one serial reader thread. On every (re)connection, a new session after an expiry included,
 * every node is read again, which re-arms its watch and reports what changed meanwhile; those reads (and a new
 * watch's first read) are pipelined: up to {@value #READS_IN_FLIGHT} asynchronous reads are in flight at once.
 */
public final class NodeWatches implements Closeable {
    static final int READS_IN_FLIGHT = 1000;

    private final CuratorFramework client;
    private final ScheduledExecutorService reader =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.single("twitcher-zk-reader"));
    /** By path, one map per watch type (keys shared with the definitions: no per-watch key). */
    private final Map<String, NodeWatch> dataWatches = new ConcurrentHashMap<>();

    private final Map<String, NodeWatch> childWatches = new ConcurrentHashMap<>();
    /** Held while a watch is added to or removed from the maps. */
    private final Object registry = new Object();
    /** What every NodeWatch is told through: one object for all of them. */
    private final NodeWatchOwner owner = new NodeWatchOwner() {
        @Override
        public CuratorFramework client() {
            return client;
        }

        @Override
        public void execute(Runnable task) {
            submit(task);
        }

        @Override
        public void released(NodeWatch w) {
            synchronized (registry) {
                map(w.type()).remove(w.path(), w);
            }
            armed(w);
        }

        @Override
        public void read(NodeWatch w) {
            armed(w);
        }

        @Override
        public void readLater(NodeWatch w, long delayMillis) {
            schedule(() -> w.read(false), delayMillis);
        }

        @Override
        public void sessionRefused(boolean refused) {
            connection.sessionRefused(refused);
        }
    };

    private final Object armedSignal = new Object();
    /** Watches not read yet: awaitArmed asks whether it is empty rather than looking at every watch. */
    private final Set<NodeWatch> unarmed = ConcurrentHashMap.newKeySet();

    private final Lifecycle lifecycle = Lifecycle.started("ZooKeeper watches");
    private final ConnectionLog connection;
    /** The server refused the credentials (AuthFailed) and no connection came since. Reader thread only. */
    private boolean authFailed;

    private final ReadPipeline pipeline = new ReadPipeline(READS_IN_FLIGHT); // reader thread only

    /** Watches through {@code client}, which the caller starts and closes. */
    public NodeWatches(CuratorFramework client) {
        this(client, () -> -1);
    }

    /** As above; {@code failedAttempts} counts failed connection attempts (negative: unknown) for the log. */
    public NodeWatches(CuratorFramework client, LongSupplier failedAttempts) {
        this.client = client;
        this.connection = new ConnectionLog(reader, failedAttempts);
        client.getCuratorListenable().addListener((c, e) -> { // a refused SASL login: no Curator connection state
            if (e.getWatchedEvent() != null && e.getWatchedEvent().getState() == KeeperState.AuthFailed) {
                submit(() -> {
                    authFailed = true; // for the watches subscribed from now on, too: no read is tried any more
                    all().forEach(NodeWatch::authFailed);
                });
            }
        });
        client.getConnectionStateListenable().addListener((c, state) -> {
            if (state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED) {
                submit(() -> {
                    // Curator's state listeners run on a thread of their own: a CONNECTED told after the refusal
                    // that followed it must not undo it (the client stays unconnected after AuthFailed).
                    if (client.getZookeeperClient().isConnected()) {
                        authFailed = false;
                    }
                });
                connection.back(state, size());
                boolean reconnect = state == ConnectionState.RECONNECTED;
                submit(() -> readAll(reconnect));
            } else if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
                all().forEach(NodeWatch::disconnected);
                connection.down(state);
            }
        });
    }

    /**
     * Starts telling {@code listener} about {@code path}. When the node's first read finds it, the listener gets a
     * LOAD event if {@code runOnLoad}.
     */
    public Subscription subscribe(String path, WatchType type, NodeListener listener, boolean runOnLoad) {
        synchronized (registry) {
            Map<String, NodeWatch> watches = map(type);
            NodeWatch watch = watches.get(path);
            boolean created = watch == null;
            if (created) {
                watch = new NodeWatch(path, type, owner);
                unarmed.add(watch);
                watches.put(path, watch);
            }
            Subscription s = watch.add(listener, runOnLoad);
            if (created) {
                NodeWatch w = watch;
                submit(() -> {
                    if (authFailed) {
                        w.authFailed(); // the refusal came before this watch: it would wait for a connection forever
                    } else {
                        pipeline.read(w, false, () -> {});
                    }
                });
            }
            return s;
        }
    }

    /** Read, or found unreadable (retried on a timer): either way, waiting for it longer gains nothing. */
    private void armed(NodeWatch w) {
        if (unarmed.remove(w) || !w.settled()) {
            // Every first read wakes the waiters: a config load waits for its own new watches only.
            synchronized (armedSignal) {
                armedSignal.notifyAll();
            }
        }
    }

    /** Reads every watched node again, pipelined; logs how long the whole re-read took. Reader thread only. */
    private void readAll(boolean reconnect) {
        List<NodeWatch> all = all();
        long start = System.nanoTime();
        int[] left = {all.size()};
        for (NodeWatch w : all) {
            pipeline.read(w, reconnect, () -> {
                if (--left[0] == 0) {
                    connection.log(
                            Level.INFO,
                            "Read {} watched node(s) in {} ms",
                            all.size(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }
            });
        }
    }

    /**
     * Waits until every node has been read once (its watch armed), so that a change made after this returns is seen
     * as a change; a node found unreadable (an ACL) counts as read, it is retried on a timer. Returns at once, false,
     * when not connected: watches arm when the connection comes.
     */
    public boolean awaitArmed(Duration timeout) throws InterruptedException {
        return awaitSettled(unarmed::isEmpty, timeout);
    }

    /**
     * As {@link #awaitArmed(Duration)} for {@code subscriptions} only (a config load waits for its new watches, not
     * for the others). A node found unreadable (an ACL) ends the wait too: it is retried on a timer.
     */
    boolean awaitArmed(Collection<Subscription> subscriptions, Duration timeout) throws InterruptedException {
        return awaitSettled(
                () -> subscriptions.stream().allMatch(s -> !(s instanceof WatchMember m) || m.settled()), timeout);
    }

    private boolean awaitSettled(BooleanSupplier settled, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (armedSignal) {
            while (client.getZookeeperClient().isConnected() && !settled.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(armedSignal, left);
            }
            return settled.getAsBoolean();
        }
    }

    /** The number of distinct ZooKeeper watches (path and type) in use. */
    public int size() {
        return dataWatches.size() + childWatches.size();
    }

    private Map<String, NodeWatch> map(WatchType type) {
        return type == WatchType.DATA ? dataWatches : childWatches;
    }

    private List<NodeWatch> all() {
        List<NodeWatch> all = new java.util.ArrayList<>(dataWatches.values());
        all.addAll(childWatches.values());
        return all;
    }

    private void submit(Runnable task) {
        schedule(task, 0);
    }

    private void schedule(Runnable task, long delayMillis) {
        if (!lifecycle.isClosed()) {
            try {
                reader.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
        reader.shutdownNow();
        try {
            reader.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
