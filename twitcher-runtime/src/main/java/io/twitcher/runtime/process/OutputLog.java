package io.twitcher.runtime.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one run's stdout (INFO) and stderr (WARN) line by line on the {@code io.twitcher.action} logger, within a
 * per-run budget of lines and bytes shared by both streams, control characters escaped ({@link LogText}); lines past the budget are read and counted, not logged.
 * {@link #pump} runs on an I/O thread per stream and always reads to EOF so the child never blocks on a full pipe.
 */
final class OutputLog {
    static final Logger ACTION = LoggerFactory.getLogger("io.twitcher.action");
    static final int MAX_LINES = 1000;
    static final int MAX_BYTES = 256 * 1024;
    static final int MAX_LINE_BYTES = 4096;

    private final String prefix;
    private final AtomicLong notLogged = new AtomicLong();
    private int lines;
    private int bytes;
    private boolean capped;

    /** @param prefix {@code <description> (<pid>)} */
    OutputLog(String prefix) {
        this.prefix = prefix;
    }

    /** Logs the count of lines not logged, if any. */
    void logNotLogged() {
        long count = notLogged.get();
        if (count > 0) {
            ACTION.warn(
                    "{}: {} more output lines not logged (at most {} lines and {} KiB are logged per run)",
                    prefix,
                    count,
                    MAX_LINES,
                    MAX_BYTES / 1024);
        }
    }

    /** Reads {@code in} to EOF, logging each line; closes it. */
    void pump(InputStream in, boolean stderr) {
        byte[] chunk = new byte[8192];
        byte[] line = new byte[MAX_LINE_BYTES];
        int kept = 0;
        long length = 0;
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b == '\n') {
                        line(stderr, line, kept, length);
                        kept = 0;
                        length = 0;
                    } else {
                        if (kept < line.length) {
                            line[kept++] = b;
                        }
                        length++;
                    }
                }
            }
            if (length > 0) {
                line(stderr, line, kept, length);
            }
        } catch (IOException e) {
            // The JDK closes the pipe under us only after the child exited and its data was drained.
            ACTION.debug("{}: reading {} ended: {}", prefix, stderr ? "stderr" : "stdout", e.getMessage());
        }
    }

    private void line(boolean stderr, byte[] line, int kept, long length) {
        if (kept == length && kept > 0 && line[kept - 1] == '\r') {
            kept--;
            length--;
        }
        if (!admit(kept)) {
            notLogged.incrementAndGet();
            return;
        }
        String text = LogText.escape(new String(line, 0, kept, StandardCharsets.UTF_8));
        if (length > kept) {
            text += " [line truncated, " + length + " bytes]";
        }
        if (stderr) {
            ACTION.warn("{} stderr: {}", prefix, text);
        } else {
            ACTION.info("{} stdout: {}", prefix, text);
        }
    }

    private synchronized boolean admit(int size) {
        if (!capped && lines < MAX_LINES && bytes + size <= MAX_BYTES) {
            lines++;
            bytes += size;
            return true;
        }
        capped = true;
        return false;
    }
}
