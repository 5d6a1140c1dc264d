package io.twitcher.runtime.watch;

import org.apache.curator.framework.CuratorFramework;

/**
 * What a {@link NodeWatch} is told through: its registry ({@link NodeWatches}), one object for all its watches. It gives
 * the client and the reader executor, and hears when the last member of a watch leaves (it forgets the watch) and
 * after every read.
 */
interface NodeWatchOwner {
    CuratorFramework client();

    /** Runs {@code task} on the reader executor. */
    void execute(Runnable task);

    void released(NodeWatch watch);

    void read(NodeWatch watch);

    /** Reads {@code watch} again after {@code delayMillis}, on the reader executor. */
    void readLater(NodeWatch watch, long delayMillis);

    /** A read was answered ({@code false}), or refused because the session is not authenticated. */
    void sessionRefused(boolean refused);
}
