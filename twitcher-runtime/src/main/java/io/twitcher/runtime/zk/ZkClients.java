package io.twitcher.runtime.zk;

import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ZKConfig;

/** The daemon's ZooKeeper client, built the one way the daemon needs it. */
public final class ZkClients {
    /**
     * The largest reply the client accepts. A server accepts writes up to its jute.maxbuffer (1 MiB by default), but
     * the reply to reading such a node adds the stat and headers, which the client's default limit (the same 1 MiB)
     * refuses: the session would drop and reconnect forever. 4 MiB covers a server raised to that size; a larger
     * {@code -Djute.maxbuffer} is honoured.
     */
    static final int MIN_CLIENT_BUFFER = 4 * 1024 * 1024;

    private ZkClients() {}

    /**
     * A client for {@code connectString}, not started yet: the caller adds its listeners first, then starts it.
     *
     * @param connectTimeout how long one connection attempt may take
     * @param security       credentials and TLS
     */
    public static CuratorFramework daemonClient(
            String connectString, Duration sessionTimeout, Duration connectTimeout, ZkSecurity security) {
        return security.apply(
                        CuratorFrameworkFactory.builder()
                                .connectString(connectString)
                                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                                .connectionTimeoutMs((int) connectTimeout.toMillis())
                                .retryPolicy(new ExponentialBackoffRetry(100, 3, 1000))
                                // Use the servers the operator listed; the tracker would rewrite the list (and lose a
                                // chroot).
                                .ensembleTracker(false),
                        ZkClients::withLargeReplies)
                .build();
    }

    /** A short-lived client for one command ({@code poke}): a few quick retries, then the command reports failure. */
    public static CuratorFramework commandClient(
            String hostList, Duration connectTimeout, ZkSecurity security, ACLProvider acl) {
        return security.apply(
                        CuratorFrameworkFactory.builder()
                                .aclProvider(acl)
                                .connectString(hostList)
                                .connectionTimeoutMs((int) connectTimeout.toMillis())
                                .sessionTimeoutMs(30_000)
                                .retryPolicy(new RetryNTimes(2, 500)),
                        ZkClients::withLargeReplies)
                .build();
    }

    /** {@code config} accepting replies up to {@link #MIN_CLIENT_BUFFER} (or the larger jute.maxbuffer set). */
    static ZKClientConfig withLargeReplies(ZKClientConfig config) {
        int configured = config.getInt(ZKConfig.JUTE_MAXBUFFER, 0);
        config.setProperty(ZKConfig.JUTE_MAXBUFFER, Integer.toString(Math.max(configured, MIN_CLIENT_BUFFER)));
        return config;
    }
}
