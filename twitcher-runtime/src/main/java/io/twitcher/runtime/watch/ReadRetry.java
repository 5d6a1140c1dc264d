package io.twitcher.runtime.watch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backoff of one {@link NodeWatch} whose node cannot be read for a reason a reconnect does not cure (an ACL that
 * forbids reading, a bad chroot): the operator hears of it once, and the node is read again on a timer, less and less
 * often, until a read works. Changed on the reader executor only; {@link #unreadable()} may be asked from any thread.
 */
final class ReadRetry {
    // Logged under NodeWatch's name, as before the split: operators set levels and filter by it.
    private static final Logger LOG = LoggerFactory.getLogger(NodeWatch.class);
    private static final long FIRST_RETRY_MILLIS = 1000;
    private static final long MAX_RETRY_MILLIS = 60_000;

    private final String path;
    /** The last read failed for a reason a reconnect does not cure (an ACL): retried on a timer. */
    private volatile boolean unreadable;

    private long retryDelayMillis;

    ReadRetry(String path) {
        this.path = path;
    }

    boolean unreadable() {
        return unreadable;
    }

    /** A read failed with {@code reason}: logs it (once, until a read works) and returns the delay to read again. */
    long failed(String reason) {
        retryDelayMillis =
                retryDelayMillis == 0 ? FIRST_RETRY_MILLIS : Math.min(MAX_RETRY_MILLIS, retryDelayMillis * 2);
        if (!unreadable) {
            LOG.warn(
                    "Cannot read {}: {}; retrying with backoff, up to every {} s",
                    path,
                    reason,
                    MAX_RETRY_MILLIS / 1000);
        } else {
            LOG.debug("Still cannot read {}: {}; next in {} s", path, reason, retryDelayMillis / 1000.0);
        }
        unreadable = true;
        return retryDelayMillis;
    }

    /** A read worked: the next failure starts the backoff afresh. */
    void succeeded() {
        if (unreadable) {
            LOG.info("Reading {} works again", path);
            unreadable = false;
        }
        retryDelayMillis = 0;
    }
}
