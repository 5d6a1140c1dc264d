package io.twitcher.runtime.watch;

import java.io.IOException;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingZooKeeperServer;

/**
 * A started 3-node {@link TestingCluster} seen the way the fault tests use it: the daemon's client talks to
 * {@link #mine} only, a writer to the two others, so that {@link #myServer} can be stopped while writes go on.
 */
final class ThreeNodes implements AutoCloseable {
    final TestingCluster cluster;
    final InstanceSpec mine;
    /** The connect string of the two other members. */
    final String others;

    ThreeNodes() throws Exception {
        cluster = new TestingCluster(3);
        cluster.start();
        List<InstanceSpec> specs = List.copyOf(cluster.getInstances());
        mine = specs.get(0);
        others = specs.get(1).getConnectString() + "," + specs.get(2).getConnectString();
    }

    /** A client of the two other members, for writes while {@link #mine} is down. */
    CuratorFramework writer() {
        return CuratorFrameworkFactory.newClient(others, new RetryOneTime(200));
    }

    /** A client of {@link #mine} alone, with this session timeout, not yet built. */
    CuratorFrameworkFactory.Builder myClient(int sessionTimeoutMs) {
        return CuratorFrameworkFactory.builder()
                .connectString(mine.getConnectString())
                .sessionTimeoutMs(sessionTimeoutMs)
                .connectionTimeoutMs(3000)
                .retryPolicy(new RetryOneTime(200))
                .ensembleTracker(false);
    }

    /** The server {@link #mine} names. */
    TestingZooKeeperServer myServer() {
        return cluster.getServers().stream()
                .filter(s -> s.getInstanceSpec().equals(mine))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public void close() throws IOException {
        cluster.close();
    }
}
