package io.twitcher.api;

/**
 * How a child process ended.
 *
 * @param pid      its process id
 * @param exitCode its exit code; for a process killed by a signal, 128 + the signal number (as the JDK reports it)
 * @param timedOut whether the daemon terminated it because the run's timeout expired
 */
public record ProcessOutcome(long pid, int exitCode, boolean timedOut) {

    /** The signal that killed the process, or 0 when it exited on its own. */
    public int signal() {
        return exitCode > 128 && exitCode <= 128 + Signals.MAX ? exitCode - 128 : 0;
    }

    /** "exited with code 1" or "killed by SIGTERM". */
    public String describe() {
        int signal = signal();
        return signal > 0 ? "killed by " + Signals.name(signal) : "exited with code " + exitCode;
    }
}
