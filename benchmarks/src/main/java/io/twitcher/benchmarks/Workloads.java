package io.twitcher.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/** What the benchmarks do to ZooKeeper and how they read the actions' traces. */
final class Workloads {
    private final CuratorFramework zk;

    Workloads(CuratorFramework zk) {
        this.zk = zk;
    }

    void set(String path, String data) throws Exception {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        try {
            zk.setData().forPath(path, bytes);
        } catch (KeeperException.NoNodeException e) {
            zk.create().creatingParentsIfNeeded().forPath(path, bytes);
        }
    }

    /**
     * Writes {@code count} nodes with up to {@code window} requests in flight; with {@code perSecond} > 0 paced at
     * that rate. Returns the wall time taken in ms.
     */
    long writeMany(int count, IntFunction<String> path, IntFunction<String> data, boolean create, int window,
                   int perSecond) throws Exception {
        if (create) {
            zk.create().creatingParentsIfNeeded().forPath(parent(path.apply(0)));
        }
        Semaphore slots = new Semaphore(window);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (perSecond > 0) {
                long due = start + (long) i * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            slots.acquire();
            byte[] bytes = data.apply(i).getBytes(StandardCharsets.UTF_8);
            if (create) {
                zk.create().inBackground((c, e) -> slots.release()).forPath(path.apply(i), bytes);
            } else {
                zk.setData().inBackground((c, e) -> slots.release()).forPath(path.apply(i), bytes);
            }
        }
        slots.acquire(window);
        slots.release(window);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private String parent(String path) throws Exception {
        String parent = path.substring(0, path.lastIndexOf('/'));
        if (zk.checkExists().forPath(parent) != null) {
            zk.delete().deletingChildrenIfNeeded().forPath(parent);
        }
        return parent;
    }

    /**
     * Reads {@code count} nodes with a data watch each, the way a daemon re-arms its watches after a session expiry:
     * one synchronous read after another (what NodeWatches did), or asynchronous reads with up to {@code window} in
     * flight (what it does now). Returns the wall time in ms.
     */
    long readAll(int count, IntFunction<String> path, int window) throws Exception {
        org.apache.zookeeper.Watcher ignore = e -> { };
        long start = System.nanoTime();
        if (window <= 1) {
            for (int i = 0; i < count; i++) {
                zk.getData().usingWatcher(ignore).forPath(path.apply(i));
            }
        } else {
            Semaphore slots = new Semaphore(window);
            for (int i = 0; i < count; i++) {
                slots.acquire();
                zk.getData().usingWatcher(ignore).inBackground((c, e) -> slots.release()).forPath(path.apply(i));
            }
            slots.acquire(window);
            slots.release(window);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    static long lineCount(Path file) throws Exception {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var s = Files.lines(file)) {
            return s.count();
        }
    }

    /** Waits until {@code file}'s line count stops growing for {@code quiet}; returns it. */
    static long settle(Path file, Duration quiet, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long n = lineCount(file);
            if (n != last) {
                last = n;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > quiet.toNanos()) {
                return n;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return last;
    }

    /** A .properties config with {@code n} watches, /parent/n0 ... (QUEUE, no run on load). */
    static String manyWatches(int n, String parent, String command) {
        StringBuilder b = new StringBuilder(n * 100);
        for (int i = 0; i < n; i++) {
            b.append('w').append(i).append(".znode=").append(parent).append("/n").append(i).append('\n');
            b.append('w').append(i).append(".run_on_load=false\n");
            b.append('w').append(i).append(".command=").append(command).append('\n');
        }
        return b.toString();
    }

    static List<Double> copy(List<Double> v) {
        return new ArrayList<>(v);
    }
}
