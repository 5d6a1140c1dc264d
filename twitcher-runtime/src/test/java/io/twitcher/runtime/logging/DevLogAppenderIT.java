package io.twitcher.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixServerSocketChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The appender against real unix datagram sockets bound in a temp directory, as syslogd binds /dev/log. */
class DevLogAppenderIT {
    private static final String PID = Long.toString(ProcessHandle.current().pid());

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream fallbackBytes = new ByteArrayOutputStream();
    private final ExecutorService receiver = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-syslogd"));
    private DevLogAppender appender;
    private Logger logger;

    @BeforeEach
    void setUp() {
        logger = context.getLogger("io.twitcher.test");
        logger.setAdditive(false);
    }

    @AfterEach
    void tearDown() {
        if (appender != null) {
            appender.stop();
        }
        receiver.shutdownNow();
        context.stop();
    }

    @Test
    void infoFromTheDaemonFacilityArrivesAsPri30WithIdentAndPid() throws Exception {
        try (UnixDatagramChannel syslogd = bind(dir.resolve("log"))) {
            start(dir.resolve("log"));
            logger.info("Executing process: {}", "deploy");
            String line = receive(syslogd);
            assertTrue(
                    line.matches("<30>[A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9] twitcher\\[" + PID
                            + "\\]: Executing process: deploy"),
                    line);
            assertEquals("", fallback());
        }
    }

    @Test
    void severityFollowsTheLevelAndStackTracesFollowAsSeparateLines() throws Exception {
        try (UnixDatagramChannel syslogd = bind(dir.resolve("log"))) {
            start(dir.resolve("log"));
            logger.warn("careful");
            assertTrue(receive(syslogd).startsWith("<28>"));
            logger.error("broken", new IllegalStateException("boom"));
            String error = receive(syslogd);
            assertTrue(error.startsWith("<27>") && error.endsWith("twitcher[" + PID + "]: broken"), error);
            String trace = receive(syslogd);
            assertTrue(trace.startsWith("<27>") && trace.contains("java.lang.IllegalStateException: boom"), trace);
            String next = receive(syslogd);
            assertTrue(next.startsWith("<27>") && next.contains("at io.twitcher."), next);
        }
    }

    @Test
    void absentSocketLogsToTheFallbackWithOneWarningLine() {
        Path missing = dir.resolve("no-such-log");
        start(missing);
        logger.info("first");
        logger.info("second");
        String[] lines = fallback().split("\n");
        assertEquals(3, lines.length, fallback());
        assertTrue(
                lines[0].contains("WARN")
                        && lines[0].contains(missing + " is not usable")
                        && lines[0].contains("logging to stderr"),
                lines[0]);
        assertTrue(lines[1].endsWith("first"), lines[1]);
        assertTrue(lines[2].endsWith("second"), lines[2]);
        assertTrue(appender.isFailing());
    }

    @Test
    void aStreamSocketIsUnusableAndFallsBack() throws Exception {
        Path stream = dir.resolve("stream");
        try (UnixServerSocketChannel server = UnixServerSocketChannel.open()) {
            server.socket().bind(new UnixSocketAddress(stream.toFile()));
            start(stream);
            logger.info("hello");
            String out = fallback();
            assertTrue(out.contains(stream + " is not usable"), out);
            assertTrue(out.trim().endsWith("hello"), out);
        }
    }

    @Test
    void goesBackToSyslogOnceTheSocketIsThere() throws Exception {
        Path path = dir.resolve("log");
        start(path);
        logger.info("while away");
        assertTrue(appender.isFailing());
        try (UnixDatagramChannel syslogd = bind(path)) {
            logger.info("back");
            assertTrue(receive(syslogd).endsWith(": back"));
            assertFalse(appender.isFailing());
        }
    }

    @Test
    void aSyslogThatStopsReadingCannotHangLogging() throws Exception {
        try (UnixDatagramChannel stalled = bind(dir.resolve("log"))) {
            start(dir.resolve("log"));
            String big = "x".repeat(4000);
            // More than fits in the socket's queue (max_dgram_qlen) or its receive buffer: sends start to block.
            int events = queueLength() + 300;
            long started = System.nanoTime();
            for (int i = 0; i < events; i++) {
                logger.info("{} {}", i, big);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertTrue(seconds < 10, "logging took " + seconds + " s");
            assertTrue(
                    fallback().contains(dir.resolve("log") + " is not usable"),
                    fallback().substring(0, 200));
            assertTrue(fallback().contains((events - 1) + " xxx"));
        }
    }

    private static int queueLength() throws Exception {
        Path qlen = Path.of("/proc/sys/net/unix/max_dgram_qlen");
        return java.nio.file.Files.exists(qlen)
                ? Integer.parseInt(java.nio.file.Files.readString(qlen).strip())
                : 512;
    }

    private void start(Path socket) {
        appender = new DevLogAppender();
        appender.setContext(context);
        appender.setSocketPath(socket);
        appender.setFallback(new PrintStream(fallbackBytes, true, StandardCharsets.UTF_8));
        appender.start();
        logger.addAppender(appender);
    }

    private String fallback() {
        return fallbackBytes.toString(StandardCharsets.UTF_8);
    }

    private static UnixDatagramChannel bind(Path path) throws Exception {
        UnixDatagramChannel channel = UnixDatagramChannel.open();
        channel.bind(new UnixSocketAddress(path.toFile()));
        return channel;
    }

    private String receive(UnixDatagramChannel channel) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        receiver.submit(() -> channel.receive(buffer)).get(10, TimeUnit.SECONDS);
        buffer.flip();
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }
}
