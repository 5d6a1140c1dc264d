package io.twitcher.api;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one run of an {@link Action} knows and may use. Created by the daemon for each run; valid only while
 * {@link Action#run} has not returned; used from the thread that runs the action.
 */
public interface RunContext {

    /** The watched znode's path (without the connection's chroot). */
    String znode();

    /** The watch's description, for log lines. */
    String description();

    /** Why this run started. */
    TriggerEvent event();

    /**
     * The znode's data as read for this run: its raw bytes for a data watch (empty for null data or a missing
     * node), the sorted child names joined by {@code \n} for a children watch. Given whatever {@link #pipeStdin()} says.
     */
    byte[] data();

    /** The node's data version (for a children watch, its child version), or -1 when unknown. */
    int version();

    /** Whether the configuration asked for the data on the action's standard input. */
    boolean pipeStdin();

    /** The data when {@link #pipeStdin()}, else an empty stream; for in-process actions. */
    InputStream stdin();

    /** The run's time limit, if the watch has one. The daemon enforces it; actions may use it for their own I/O. */
    Optional<Duration> timeout();

    /**
     * Runs a supervised child process and waits for it: its own session and process group, working directory
     * {@code /}, the daemon's environment plus {@code TWITCHER_ZNODE}, {@code TWITCHER_DESCRIPTION},
     * {@code TWITCHER_VERSION} and {@code TWITCHER_EVENT}, the watch's uid and gid, the data on standard input when
     * {@link #pipeStdin()} (then end of file), standard output and error logged line by line. The watch's
     * notify_signal and timeout reach its whole process group. If the calling thread is interrupted the group is
     * terminated and the call still waits for the process to end, then throws {@link InterruptedException}.
     *
     * @param argv the program (looked up on {@code PATH}) and its arguments
     * @return how the process ended
     * @throws IOException when the process could not start (no such program, an unknown user or group: the run
     *                     does not start, never as another user)
     */
    ProcessOutcome exec(List<String> argv) throws IOException, InterruptedException;
}
