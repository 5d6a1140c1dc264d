package io.twitcher.api;

/**
 * One thing a watch does when its znode changes. Built once per watch definition (by an {@link ActionType} or by a
 * config language for an inline action) and run many times.
 *
 * <p>Threading: {@link #run} is called on the watch's worker thread, never on a ZooKeeper thread. For a QUEUE or
 * DISCARD watch it is never called concurrently; for a PARALLEL watch it may be, up to the daemon's cap. The daemon
 * interrupts the thread when the run's timeout expires or the daemon stops: a run that does not end on interrupt
 * delays shutdown.
 */
@FunctionalInterface
public interface Action {

    /**
     * Runs once and blocks until the run is over.
     *
     * @return whether the run succeeded, and a few words for the log
     * @throws Exception any failure: the daemon logs it with the watch's description, counts the run as failed and
     *                   keeps the watch armed
     */
    RunResult run(RunContext context) throws Exception;

    /**
     * Whether this action runs a child process through {@link RunContext#exec}, so that the watch's uid and gid
     * apply. The daemon rejects a uid or gid on any other action at load time.
     */
    default boolean runsProcess() {
        return false;
    }
}
