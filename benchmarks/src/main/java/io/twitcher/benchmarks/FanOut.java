package io.twitcher.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * A fleet in one process: N ZooKeeper sessions (plain clients, as N daemons would hold) each watching one node,
 * and one more session that writes it. For each write it prints the time from the write to the last of the N
 * notifications. The harness reads the server's CPU around the writes.
 *
 * <p>usage: {@code FanOut CONNECT_STRING SESSIONS WRITES PAUSE_MS}; prints {@code ready}, then waits for a line on
 * stdin before writing, then one {@code write <ms-to-last> <ms-to-first>} line per write and {@code done}.
 */
public final class FanOut {
    private FanOut() {}

    public static void main(String[] args) throws Exception {
        String connect = args[0];
        int sessions = Integer.parseInt(args[1]);
        int writes = Integer.parseInt(args[2]);
        long pause = Long.parseLong(args[3]);
        String node = "/fanout/node";
        ZooKeeper writer = connect(connect);
        try {
            writer.create("/fanout", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            // from an earlier run
        }
        try {
            writer.create(node, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            // from an earlier run
        }
        AtomicInteger notified = new AtomicInteger();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        List<ZooKeeper> fleet = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            ZooKeeper zk = connect(connect);
            fleet.add(zk);
            Watcher watcher = new Watcher() {
                @Override
                public void process(WatchedEvent event) {
                    if (event.getType() == Event.EventType.NodeDataChanged) {
                        long now = System.nanoTime();
                        first.compareAndSet(0, now);
                        last.accumulateAndGet(now, Math::max);
                        notified.incrementAndGet();
                        zk.getData(node, this, (rc, path, ctx, data, stat) -> {}, null); // re-arm, as a daemon does
                    }
                }
            };
            zk.getData(node, watcher, null);
        }
        System.out.println("ready");
        System.out.flush();
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
        for (int w = 0; w < writes; w++) {
            notified.set(0);
            first.set(0);
            last.set(0);
            long start = System.nanoTime();
            writer.setData(node, Integer.toString(w).getBytes(), -1);
            long deadline = start + TimeUnit.SECONDS.toNanos(60);
            while (notified.get() < sessions && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                TimeUnit.MICROSECONDS.sleep(200);
            }
            System.out.printf(
                    java.util.Locale.ROOT,
                    "write %.3f %.3f %d%n",
                    (last.get() - start) / 1e6,
                    (first.get() - start) / 1e6,
                    notified.get());
            System.out.flush();
            // Let the re-arming reads finish before the next write, as they would between real commits.
            TimeUnit.MILLISECONDS.sleep(pause);
        }
        System.out.println("done");
        System.out.flush();
        for (ZooKeeper zk : fleet) {
            zk.close(0);
        }
        writer.close();
    }

    /** A plain ZooKeeper session, once it is connected (60 s at most). */
    static ZooKeeper connect(String connect) throws Exception {
        CountDownLatch up = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connect, 30_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                up.countDown();
            }
        });
        if (!up.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no connection to " + connect);
        }
        return zk;
    }
}
