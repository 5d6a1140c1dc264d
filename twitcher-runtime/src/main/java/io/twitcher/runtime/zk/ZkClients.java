package io.twitcher.runtime.zk;

import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ZKConfig;

/** The daemon's ZooKeeper client, built the one way the daemon needs it. */
public final class ZkClients {
    private ZkClients() {
    }

    /**
     * A client for {@code connectString}, not started yet: the caller adds its listeners first, then starts it.
     *
     * @param connectTimeout how long one connection attempt may take
     */
    public static CuratorFramework daemonClient(String connectString, Duration sessionTimeout, Duration connectTimeout) {
        return CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                .connectionTimeoutMs((int) connectTimeout.toMillis())
                .zkClientConfig(new PlainZkClientConfig())
                .retryPolicy(new ExponentialBackoffRetry(100, 3, 1000))
                // Use the servers the operator listed; the tracker would rewrite the list (and lose a chroot).
                .ensembleTracker(false)
                .zkClientConfig(clientConfig())
                .build();
    }

    /**
     * The largest reply the client accepts. A server accepts writes up to its jute.maxbuffer (1 MiB by default), but
     * the reply to reading such a node adds the stat and headers, which the client's default limit (the same 1 MiB)
     * refuses: the session would drop and reconnect forever. 4 MiB covers a server raised to that size; a larger
     * {@code -Djute.maxbuffer} is honoured.
     */
    static final int MIN_CLIENT_BUFFER = 4 * 1024 * 1024;

    private static ZKClientConfig clientConfig() {
        ZKClientConfig config = new ZKClientConfig();
        int configured = config.getInt(ZKConfig.JUTE_MAXBUFFER, 0);
        config.setProperty(ZKConfig.JUTE_MAXBUFFER, Integer.toString(Math.max(configured, MIN_CLIENT_BUFFER)));
        return config;
    }

    /** A short-lived client for one command ({@code poke}): a few quick retries, then the command reports failure. */
    public static CuratorFramework commandClient(String hostList, Duration connectTimeout) {
        return CuratorFrameworkFactory.builder()
                .connectString(hostList)
                .connectionTimeoutMs((int) connectTimeout.toMillis())
                .sessionTimeoutMs(30_000)
                .zkClientConfig(new PlainZkClientConfig())
                .retryPolicy(new RetryNTimes(2, 500))
                .build();
    }
}
