package io.twitcher.runtime.zk;

import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.retry.RetryNTimes;

/** The daemon's ZooKeeper client, built the one way the daemon needs it. */
public final class ZkClients {
    private ZkClients() {
    }

    /**
     * A client for {@code connectString}, not started yet: the caller adds its listeners first, then starts it.
     *
     * @param connectTimeout how long one connection attempt may take
     * @param security       credentials and TLS
     */
    public static CuratorFramework daemonClient(String connectString, Duration sessionTimeout, Duration connectTimeout,
                                                ZkSecurity security) {
        // The security settings come last: with --zk_tls their client configuration replaces the plain one.
        return security.apply(CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                .connectionTimeoutMs((int) connectTimeout.toMillis())
                .zkClientConfig(new PlainZkClientConfig())
                .retryPolicy(new ExponentialBackoffRetry(100, 3, 1000))
                // Use the servers the operator listed; the tracker would rewrite the list (and lose a chroot).
                .ensembleTracker(false))
                .build();
    }

    /** A short-lived client for one command ({@code poke}): a few quick retries, then the command reports failure. */
    public static CuratorFramework commandClient(String hostList, Duration connectTimeout, ZkSecurity security,
                                                 ACLProvider acl) {
        return security.apply(CuratorFrameworkFactory.builder()
                .aclProvider(acl)
                .connectString(hostList)
                .connectionTimeoutMs((int) connectTimeout.toMillis())
                .sessionTimeoutMs(30_000)
                .zkClientConfig(new PlainZkClientConfig())
                .retryPolicy(new RetryNTimes(2, 500)))
                .build();
    }
}
