package io.twitcher.runtime.faults;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * The writer of a trial: at a fixed rate it sets a random data node (data {@code w<seq>-<word>}, the word telling
 * the action how to behave) or adds or removes a child of the children node. Its choices come from the trial's
 * seed. Writes that fail while ZooKeeper is away are counted and skipped: the final state is read back afterwards.
 */
final class Workload implements AutoCloseable {
    private static final long PERIOD_MILLIS = 25;

    private final CuratorFramework writer;
    private final String root;
    private final Random random;
    private final List<FaultKind> actionFaults;
    private final ScheduledExecutorService pace =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "fault-suite-writer"));
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Map<FaultKind, AtomicInteger> injected = new ConcurrentHashMap<>();
    private int seq;

    Workload(CuratorFramework writer, String root, long seed, List<FaultKind> actionFaults) {
        this.writer = writer;
        this.root = root;
        this.random = new Random(seed);
        this.actionFaults = actionFaults;
    }

    void start() {
        pace.scheduleAtFixedRate(this::step, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Successful writes so far. */
    int writes() {
        return writes.get();
    }

    int failedWrites() {
        return failed.get();
    }

    /** Action faults written into a node's data (successful writes only). */
    Map<FaultKind, AtomicInteger> injected() {
        return injected;
    }

    private void step() {
        seq++;
        String node = Trial.WATCHES.get(random.nextInt(Trial.WATCHES.size()));
        try {
            if (node.equals("c")) {
                List<String> kids = writer.getChildren().forPath(root + "/c");
                if (!kids.isEmpty() && random.nextInt(3) == 0) {
                    writer.delete().forPath(root + "/c/" + kids.get(random.nextInt(kids.size())));
                } else {
                    writer.create().forPath(root + "/c/k" + seq);
                }
            } else {
                FaultKind fault = !actionFaults.isEmpty() && random.nextInt(4) == 0
                        ? actionFaults.get(random.nextInt(actionFaults.size()))
                        : null;
                String data = "w" + seq + "-" + (fault == null ? "ok" : fault.actionWord());
                writer.setData().forPath(root + "/" + node, data.getBytes(StandardCharsets.UTF_8));
                if (fault != null) {
                    injected.computeIfAbsent(fault, k -> new AtomicInteger()).incrementAndGet();
                }
            }
            writes.incrementAndGet();
        } catch (KeeperException.NoNodeException | KeeperException.NodeExistsException e) {
            writes.incrementAndGet(); // a node deleted by a fault: the write raced it, as a user's would
        } catch (Exception e) {
            failed.incrementAndGet();
        }
    }

    @Override
    public void close() throws InterruptedException {
        pace.shutdownNow();
        pace.awaitTermination(30, TimeUnit.SECONDS);
    }
}
