package io.twitcher.runtime.process;

import static io.twitcher.runtime.process.OutputLog.ACTION;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The standard streams of one {@link ChildProcess}: feeds its stdin, pumps its stdout and stderr into its
 * {@link OutputLog} on I/O threads, and after its exit gives the output a grace to drain before the lines not logged
 * yet are written.
 */
final class ChildIo {
    // How long output may stay open after the child exited (a background process holding the pipe) before the run
    // is reported done anyway.
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);
    // A pipe holds at least one page even when the user's pipe buffer quota is used up (pipe-user-pages-soft).
    private static final int PIPE_MIN_CAPACITY = 4096;

    private final Spawned process;
    private final String prefix;
    private final OutputLog output;

    ChildIo(Spawned process, String prefix) {
        this.process = process;
        this.prefix = prefix;
        this.output = new OutputLog(prefix);
    }

    /** Writes {@code data} to the child's stdin and closes it; the result completes when that is done. */
    CompletableFuture<Void> feedStdin(byte[] data, Executor io) {
        OutputStream stdin = process.stdin();
        if (stdin == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (data == null || data.length == 0) {
            closeQuietly(stdin);
            return CompletableFuture.completedFuture(null);
        }
        if (data.length <= PIPE_MIN_CAPACITY) {
            // Fits in a fresh pipe, so the write cannot block: done here, the child needs no I/O thread to get it.
            write(stdin, data);
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> write(stdin, data), io);
    }

    private void write(OutputStream stdin, byte[] data) {
        try (stdin) {
            stdin.write(data);
        } catch (IOException e) {
            // EPIPE: the child exited or closed its stdin without reading everything; its business.
            ACTION.debug("{} did not read all of its standard input: {}", prefix, e.getMessage());
        }
    }

    /** Starts pumping stdout and stderr on {@code io}; the result completes when both are at their end. */
    CompletableFuture<Void> pump(Executor io) {
        CompletableFuture<Void> out = CompletableFuture.runAsync(() -> output.pump(process.stdout(), false), io);
        CompletableFuture<Void> err = CompletableFuture.runAsync(() -> output.pump(process.stderr(), true), io);
        return CompletableFuture.allOf(out, err);
    }

    /** After the exit: logs the rest of the output now, or as it comes when a background process holds it open. */
    void afterExit(CompletableFuture<Void> pumps) {
        if (drained(pumps)) {
            output.logNotLogged();
        } else {
            ACTION.info(
                    "{}: output still held open by a background process after exit; its lines are logged "
                            + "as they come, and it keeps its --max_running slot until the output ends",
                    prefix);
            pumps.thenRun(output::logNotLogged);
        }
    }

    private static boolean drained(CompletableFuture<Void> pumps) {
        try {
            pumps.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // nothing was written; a close error changes nothing
        }
    }
}
