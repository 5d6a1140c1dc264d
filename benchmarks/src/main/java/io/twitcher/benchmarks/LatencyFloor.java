package io.twitcher.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * The two parts every subject of the latency benchmark pays, each measured alone: ZooKeeper's (a write, its watch
 * notification and the re-read of the node, on the harness's own warmed-up client) and the action's start (the kazoo
 * baseline's way of starting {@code sh -c 'date ...'}, with no ZooKeeper). Their sum is what a watcher that reads the
 * node and starts a shell cannot go below.
 */
final class LatencyFloor {
    private static final int WARM_UP = 10;

    private LatencyFloor() {}

    /** Write → notification → re-read answered, {@code count} times after a warm-up, ~40 ms apart; milliseconds. */
    static List<Double> zooKeeper(String connect, String node, int count) throws Exception {
        try (ZooKeeper writer = FanOut.connect(connect);
                ZooKeeper reader = FanOut.connect(connect)) {
            try {
                writer.create(node, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException e) {
                // a previous run's
            }
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < count + WARM_UP; i++) {
                CountDownLatch read = new CountDownLatch(1);
                AtomicLong readAt = new AtomicLong();
                Watcher reRead = event -> reader.getData(
                        node,
                        false,
                        (rc, path, ctx, data, stat) -> {
                            readAt.set(System.nanoTime());
                            read.countDown();
                        },
                        null);
                reader.getData(node, reRead, null);
                long t0 = System.nanoTime();
                writer.setData(node, Integer.toString(i).getBytes(StandardCharsets.UTF_8), -1);
                if (!read.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no notification for " + node + " within 30 s");
                }
                if (i >= WARM_UP) {
                    ms.add((readAt.get() - t0) / 1e6);
                }
                TimeUnit.MILLISECONDS.sleep(40);
            }
            return ms;
        }
    }

    /**
     * {@code count} starts of {@code sh -c 'date +%s%N >> FILE'} by Python's subprocess; milliseconds. Empty when
     * there is no python3.
     */
    static List<Double> spawn(Path script, Path marks, int count) throws Exception {
        if (!Setup.pythonInstalled()) {
            return List.of();
        }
        Process p = new ProcessBuilder(
                        Setup.PYTHON, script.toString(), Integer.toString(count + WARM_UP), marks.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<Double> ms = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int i = 0;
            while ((line = out.readLine()) != null) {
                if (i++ >= WARM_UP) {
                    ms.add(Double.parseDouble(line.trim()));
                }
            }
        }
        if (p.waitFor() != 0 || ms.size() != count) {
            throw new IllegalStateException(
                    script + " failed (exit " + p.exitValue() + ", " + ms.size() + " of " + count + " starts)");
        }
        return ms;
    }
}
