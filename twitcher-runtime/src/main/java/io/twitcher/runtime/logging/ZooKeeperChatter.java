package io.twitcher.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Marker;

/**
 * Keeps the ZooKeeper client's connection chatter out of the log unless {@code -d}: while a server is unreachable it
 * logs a warning with a stack trace for every connection attempt, about one a second (an unresolvable host: an error
 * with a stack trace), each stack line a separate syslog datagram. The daemon reports the connection itself instead
 * (one line when it is lost, one a minute while it stays down, one when it is back); this filter counts the failed
 * attempts for that report.
 */
public final class ZooKeeperChatter extends TurboFilter {
    /** The loggers of the client's connection loop, and of Curator's reports on the same failures. */
    static final Set<String> CHATTY = Set.of(
            "org.apache.zookeeper.ClientCnxn",
            "org.apache.zookeeper.ClientCnxnSocketNIO",
            "org.apache.zookeeper.ClientCnxnSocketNetty",
            "org.apache.zookeeper.client.StaticHostProvider",
            "org.apache.zookeeper.SaslServerPrincipal",
            // SASL refused: an error with a stack trace; the daemon says it once per node instead ("Cannot read")
            "org.apache.zookeeper.client.ZooKeeperSaslClient",
            "org.apache.curator.ConnectionState",
            "org.apache.curator.framework.state.ConnectionStateManager",
            "org.apache.curator.framework.imps.CuratorFrameworkImpl",
            "org.apache.curator.RetryLoopImpl");

    private static final AtomicLong FAILED_ATTEMPTS = new AtomicLong();

    /** How many connection attempts failed since the daemon started (as the client's warnings counted them). */
    public static long failedAttempts() {
        return FAILED_ATTEMPTS.get();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || !CHATTY.contains(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        if (logger.getName().equals("org.apache.zookeeper.ClientCnxn")) {
            FAILED_ATTEMPTS.incrementAndGet();
        }
        return FilterReply.DENY;
    }
}
