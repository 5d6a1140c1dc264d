package io.twitcher.runtime.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.twitcher.runtime.libc.UnixDatagramSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Logs to systemd-journald through its native protocol (one datagram a record on
 * {@code /run/systemd/journal/socket}), so that the journal has the priority and the watch's fields:
 * {@code PRIORITY}, {@code SYSLOG_IDENTIFIER=twitcher}, {@code SYSLOG_FACILITY=3}, {@code TWITCHER_LOGGER},
 * {@code TWITCHER_RUN} ({@code <description>#<run id>}) and {@code TWITCHER_WATCH} (the description), e.g.
 * {@code journalctl TWITCHER_WATCH=deploy}. Used instead of syslog when the daemon runs under systemd
 * ({@code JOURNAL_STREAM} set) and the socket exists. The protocol is three rules (KEY=value lines; a value with a
 * newline as KEY, newline, 64-bit little-endian length, bytes, newline), smaller than any binding to libsystemd.
 */
public final class JournalAppender extends AppenderBase<ILoggingEvent> {
    /** journald's native socket. */
    public static final Path SOCKET = Path.of("/run/systemd/journal/socket");

    private Path socket = SOCKET;
    private UnixDatagramSocket channel;

    public void setSocketPath(Path path) {
        this.socket = path;
    }

    /** Whether the daemon runs under systemd with a journal to log to. */
    public static boolean available() {
        return System.getenv("JOURNAL_STREAM") != null && Files.exists(SOCKET);
    }

    @Override
    public void start() {
        try {
            channel = UnixDatagramSocket.open();
            super.start();
        } catch (IOException e) {
            addError("cannot open a socket for " + socket, e);
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        ByteArrayOutputStream record = new ByteArrayOutputStream(256);
        String message = event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            message = message + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
        }
        field(record, "MESSAGE", message);
        field(record, "PRIORITY", Integer.toString(SyslogLine.severity(event.getLevel())));
        field(record, "SYSLOG_IDENTIFIER", "twitcher");
        field(record, "SYSLOG_FACILITY", "3");
        field(record, "TWITCHER_LOGGER", event.getLoggerName());
        field(record, "TWITCHER_THREAD", event.getThreadName());
        Map<String, String> mdc = event.getMDCPropertyMap();
        String run = mdc == null ? null : mdc.get("run");
        if (run != null) {
            field(record, "TWITCHER_RUN", run);
            int hash = run.lastIndexOf('#');
            field(record, "TWITCHER_WATCH", hash > 0 ? run.substring(0, hash) : run);
        }
        try {
            channel.send(record.toByteArray(), socket.toString());
        } catch (IOException e) {
            addError("cannot log to " + socket, e);
        }
    }

    private static void field(ByteArrayOutputStream out, String key, String value) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(k);
        if (value.indexOf('\n') < 0) {
            out.write('=');
            out.writeBytes(v);
        } else {
            out.write('\n');
            out.writeBytes(ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(v.length)
                    .array());
            out.writeBytes(v);
        }
        out.write('\n');
    }

    @Override
    public void stop() {
        super.stop();
        if (channel != null) {
            channel.close();
        }
    }
}
