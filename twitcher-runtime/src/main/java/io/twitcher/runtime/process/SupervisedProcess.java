package io.twitcher.runtime.process;

import io.twitcher.api.ProcessOutcome;

/**
 * A child started by {@link ProcessSupervisor#start}: the leader of its own session and process group (its pgid is
 * its pid). Thread-safe; any thread may signal it, usually one thread awaits it.
 */
public interface SupervisedProcess {

    /** The child's pid, which is also its process group id. */
    long pid();

    /** Sends {@code signal} to the whole process group; a group that is gone is not an error. */
    void signalGroup(int signal);

    /**
     * SIGTERM to the group now, SIGKILL to the group the supervisor's kill delay later if any member still lives.
     * Returns at once.
     */
    void terminate();

    /**
     * Waits until the child has exited and its output has been logged (a background process still holding the
     * output pipes is given a short grace, then logs on by itself), and returns how it ended. If the calling thread
     * is interrupted, terminates the group, still waits for the child to end, then throws InterruptedException.
     */
    ProcessOutcome await() throws InterruptedException;
}
