package io.twitcher.runtime.process;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A child as it was started, by posix_spawn ({@link NativeSpawned}) or, where that is unavailable, by the JDK
 * ({@link JdkSpawned}): its pid, the parent's ends of its standard streams, and its reaping.
 */
interface Spawned {

    long pid();

    /** The child's stdin, or {@code null} when it reads /dev/null. */
    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    /** Blocks until the child has exited and is reaped, whatever interrupts come; how it ended. */
    ExitStatus waitFor();

    /** Whether the child has not been reaped yet. */
    boolean isAlive();

    /** Sends {@code signal} to the child itself (not its group) if it has not been reaped yet. */
    void signal(int signal);

    /**
     * How a child ended.
     *
     * @param exitCode its exit code, or 128 + the signal
     * @param signal   the signal that killed it, 0 when it exited
     */
    record ExitStatus(int exitCode, int signal) {
        /** Decodes a raw {@code waitpid} status. */
        static ExitStatus of(int status) {
            int termsig = status & 0x7f;
            if (termsig == 0) {
                return new ExitStatus((status >> 8) & 0xff, 0);
            }
            return new ExitStatus(128 + termsig, termsig);
        }
    }
}
