package io.twitcher.api;

/**
 * How a child process ended, from its wait status.
 *
 * @param pid      its process id
 * @param exitCode its exit code; for a process killed by a signal, 128 + the signal number (as a shell reports it),
 *                 so {@code exitCode() == 0} always means success
 * @param signal   the signal that killed it, or 0 when it exited on its own (whatever its exit code, 130 included)
 * @param timedOut whether the daemon terminated it because the run's timeout expired
 */
public record ProcessOutcome(long pid, int exitCode, int signal, boolean timedOut) {

    public ProcessOutcome {
        if (signal < 0 || signal > 64) {
            throw new IllegalArgumentException("signal must be 0 (none) or a signal number, not " + signal);
        }
    }

    /** A process that exited on its own with {@code exitCode}. */
    public ProcessOutcome(long pid, int exitCode, boolean timedOut) {
        this(pid, exitCode, 0, timedOut);
    }

    /** A process killed by {@code signal}. */
    public static ProcessOutcome killed(long pid, int signal, boolean timedOut) {
        return new ProcessOutcome(pid, 128 + signal, signal, timedOut);
    }

    /** "exited with code 1" or "killed by SIGTERM". */
    public String describe() {
        return signal > 0 ? "killed by " + Signals.name(signal) : "exited with code " + exitCode;
    }
}
