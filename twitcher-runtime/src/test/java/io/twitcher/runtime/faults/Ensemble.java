package io.twitcher.runtime.faults;

import static org.awaitility.Awaitility.await;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.apache.curator.test.TestingZooKeeperServer;
import org.apache.zookeeper.client.FourLetterWordMain;

/**
 * The ZooKeeper a trial runs against: a single {@link TestingServer} or a 3-node {@link TestingCluster}, with the
 * operations the faults need. Roles in the cluster come from the servers' own {@code srvr} answer.
 */
final class Ensemble implements Closeable {
    private final TestingServer single;
    private final TestingCluster cluster;
    private final List<InstanceSpec> down = new ArrayList<>();

    private Ensemble(TestingServer single, TestingCluster cluster) {
        this.single = single;
        this.cluster = cluster;
    }

    static Ensemble single() throws Exception {
        return new Ensemble(new TestingServer(spec(), true), null);
    }

    static Ensemble cluster() throws Exception {
        TestingCluster c = new TestingCluster(spec(), spec(), spec());
        c.start();
        Ensemble e = new Ensemble(null, c);
        e.awaitHealthy();
        return e;
    }

    /**
     * A server on ports below Linux's ephemeral range (32768-60999): a server restarted on its old port could find it
     * taken by another process's outgoing connection, and ZooKeeper's embedded server then exits the whole test JVM
     * (seen once in a long run beside other builds). Curator's own choice ({@code new ServerSocket(0)}) is inside it.
     */
    private static InstanceSpec spec() {
        return new InstanceSpec(null, freePort(), freePort(), freePort(), true, -1);
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT =
            new java.util.concurrent.atomic.AtomicInteger(20_000 + new Random().nextInt(10_000));

    private static int freePort() {
        while (true) {
            int port = 20_000 + Math.floorMod(NEXT_PORT.getAndIncrement() - 20_000, 12_000);
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.bind(new java.net.InetSocketAddress(port));
                return port;
            } catch (IOException inUse) {
                // next one
            }
        }
    }

    /** Whether {@code port} can be bound (as ZooKeeper binds it, reusing the address): the old server let it go. */
    private static boolean bindable(int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    interface Step {
        void run() throws Exception;
    }

    /** Whether a server listens on {@code port} (its start bound it; it may not serve yet, e.g. without a quorum). */
    private static boolean listening(int port) {
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts a stopped server once its port is free again (at most 20 s), and again (up to five times) while it does
     * not listen within 20 s. A start that cannot bind its port asks ZooKeeper to exit the JVM: FaultSuiteIT's
     * {@code ZooKeeperExitGuard} refuses that, and the start fails instead.
     */
    private static void restartUntilUp(Step restart, Step stop, int port) throws Exception {
        java.util.concurrent.Callable<Boolean> up = () -> listening(port);
        for (int attempt = 1; ; attempt++) {
            try {
                awaitQuietly(Duration.ofSeconds(20), () -> bindable(port));
                restart.run();
                await("server up").atMost(Duration.ofSeconds(20)).until(up);
                return;
            } catch (Exception e) {
                if (attempt == 5) {
                    throw e;
                }
                try {
                    stop.run();
                } catch (Exception ignored) {
                    // it did not start: nothing to stop
                }
            }
        }
    }

    boolean isCluster() {
        return cluster != null;
    }

    String connectString() {
        return isCluster() ? cluster.getConnectString() : single.getConnectString();
    }

    String name() {
        return isCluster() ? "cluster" : "single";
    }

    /** Stops one server (the single one, or a random member) until {@code backWhen} holds, then starts it again. */
    void restartOne(Random random, BooleanSupplier backWhen) throws Exception {
        if (!isCluster()) {
            single.stop();
            awaitQuietly(backWhen);
            restartUntilUp(single::restart, single::stop, single.getPort());
            return;
        }
        List<InstanceSpec> specs = List.copyOf(cluster.getInstances());
        InstanceSpec spec = specs.get(random.nextInt(specs.size()));
        serverFor(spec).stop();
        awaitQuietly(backWhen);
        restartUntilUp(() -> serverFor(spec).restart(), () -> serverFor(spec).stop(), spec.getPort());
    }

    /** Kills the leader (or a follower); it stays down until {@link #restartDown()}. */
    InstanceSpec kill(boolean leader, Random random) throws Exception {
        List<InstanceSpec> candidates = new ArrayList<>();
        for (InstanceSpec spec : cluster.getInstances()) {
            if (!down.contains(spec) && mode(spec).equals(leader ? "leader" : "follower")) {
                candidates.add(spec);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        InstanceSpec victim = candidates.get(random.nextInt(candidates.size()));
        cluster.killServer(victim);
        down.add(victim);
        return victim;
    }

    /** Whether a member other than those down leads. */
    boolean hasLeader() {
        return cluster.getInstances().stream().filter(s -> !down.contains(s)).anyMatch(s -> mode(s).equals("leader"));
    }

    /** Stops every server; they stay down until {@link #restartDown()}. */
    void stopAll() throws Exception {
        if (!isCluster()) {
            single.stop();
            return;
        }
        for (InstanceSpec spec : cluster.getInstances()) {
            if (!down.contains(spec)) {
                cluster.killServer(spec);
                down.add(spec);
            }
        }
    }

    /** Starts whatever is down. */
    void restartDown() throws Exception {
        if (!isCluster()) {
            restartUntilUp(single::restart, single::stop, single.getPort());
            return;
        }
        for (InstanceSpec spec : List.copyOf(down)) {
            restartUntilUp(
                    () -> cluster.restartServer(spec), () -> serverFor(spec).stop(), spec.getPort());
            down.remove(spec);
        }
    }

    /** Waits until every server answers and, in the cluster, one leads and the others follow. */
    void awaitHealthy() {
        await("healthy " + name()).atMost(Duration.ofSeconds(60)).until(() -> {
            if (!isCluster()) {
                return !mode(single.getPort()).isEmpty();
            }
            long leaders = 0;
            for (InstanceSpec spec : cluster.getInstances()) {
                String m = mode(spec);
                if (!m.equals("leader") && !m.equals("follower")) {
                    return false;
                }
                leaders += m.equals("leader") ? 1 : 0;
            }
            return leaders == 1;
        });
    }

    private TestingZooKeeperServer serverFor(InstanceSpec spec) {
        return cluster.getServers().stream()
                .filter(s -> s.getInstanceSpec().equals(spec))
                .findFirst()
                .orElseThrow();
    }

    private static String mode(InstanceSpec spec) {
        return mode(spec.getPort());
    }

    /** The server's {@code Mode:} (leader, follower, standalone), or empty when it does not answer. */
    private static String mode(int port) {
        try {
            String answer = FourLetterWordMain.send4LetterWord("127.0.0.1", port, "srvr", false, 2000);
            for (String line : answer.split("\n")) {
                if (line.startsWith("Mode: ")) {
                    return line.substring(6).trim();
                }
            }
            return "";
        } catch (Exception e) {
            return "";
        }
    }

    private static void awaitQuietly(BooleanSupplier condition) {
        awaitQuietly(Duration.ofSeconds(30), condition);
    }

    /** Waits for {@code condition} at most {@code atMost}; goes on either way (the step after it copes). */
    private static void awaitQuietly(Duration atMost, BooleanSupplier condition) {
        try {
            await().atMost(atMost).until(condition::getAsBoolean);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the fault lasted its longest, or the port stays taken: the server is started all the same
        }
    }

    @Override
    public void close() throws IOException {
        if (isCluster()) {
            cluster.close();
        } else {
            single.close();
        }
    }
}
