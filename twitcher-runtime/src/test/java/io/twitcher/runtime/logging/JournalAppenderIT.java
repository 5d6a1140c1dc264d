package io.twitcher.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** journald's native protocol, received on a real Unix datagram socket standing in for journald's. */
class JournalAppenderIT {
    @TempDir
    Path dir;

    @Test
    void aRunsRecordCarriesThePriorityAndTheWatchFields() throws Exception {
        Path path = dir.resolve("journal.sock");
        try (UnixDatagramChannel journal = UnixDatagramChannel.open()) {
            journal.bind(new UnixSocketAddress(path.toFile()));
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            JournalAppender appender = new JournalAppender();
            appender.setContext(context);
            appender.setSocketPath(path);
            appender.start();
            Logger logger = context.getLogger("io.twitcher.journal.test");
            logger.setAdditive(false);
            logger.addAppender(appender);
            try {
                MDC.put("run", "git pull#12");
                logger.warn("Process \"git pull\" (42) exited with code 1\nsecond line");
            } finally {
                MDC.remove("run");
                logger.detachAppender(appender);
                appender.stop();
            }
            ByteBuffer buffer = ByteBuffer.allocate(65536);
            journal.receive(buffer);
            Map<String, String> fields = parse(buffer.flip());
            assertEquals("Process \"git pull\" (42) exited with code 1\nsecond line", fields.get("MESSAGE"));
            assertEquals("4", fields.get("PRIORITY"));
            assertEquals("twitcher", fields.get("SYSLOG_IDENTIFIER"));
            assertEquals("3", fields.get("SYSLOG_FACILITY"));
            assertEquals("git pull#12", fields.get("TWITCHER_RUN"));
            assertEquals("git pull", fields.get("TWITCHER_WATCH"));
            assertEquals("io.twitcher.journal.test", fields.get("TWITCHER_LOGGER"));
            assertTrue(fields.containsKey("TWITCHER_THREAD"));
        }
    }

    /** The native protocol, read back: KEY=value lines, or KEY, newline, 64-bit LE length, bytes, newline. */
    private static Map<String, String> parse(ByteBuffer b) {
        Map<String, String> fields = new LinkedHashMap<>();
        while (b.hasRemaining()) {
            StringBuilder key = new StringBuilder();
            byte c;
            while ((c = b.get()) != '=' && c != '\n') {
                key.append((char) c);
            }
            byte[] value;
            if (c == '=') {
                int start = b.position();
                while (b.get() != '\n') {
                    // to the end of the line
                }
                value = new byte[b.position() - start - 1];
                b.get(start, value);
            } else {
                long length = b.order(ByteOrder.LITTLE_ENDIAN).getLong();
                value = new byte[(int) length];
                b.get(value);
                b.get(); // newline
            }
            fields.put(key.toString(), new String(value, StandardCharsets.UTF_8));
        }
        return fields;
    }
}
