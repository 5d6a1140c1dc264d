package io.twitcher.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.twitcher.runtime.libc.UnixDatagramSocket;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Sends each event as one RFC 3164 datagram to the local syslog socket ({@code /dev/log}), the way the C library's
 * {@code syslog(3)} does, so no UDP listener has to be enabled. When the socket is missing or refuses a message the
 * event goes to a fallback stream (stderr) instead, with one warning line each time syslog becomes unusable; the
 * next event tries the socket again. A syslog daemon that stops reading cannot hang the daemon: a send waits at most
 * {@link #SEND_TIMEOUT_MS}, after which the socket is left alone for {@link #STALL_PAUSE_NANOS}. Logging never throws.
 */
public class DevLogAppender extends AppenderBase<ILoggingEvent> {
    /** Longer messages are cut: syslog daemons drop or split datagrams past a few KiB. */
    static final int MAX_MESSAGE_CHARS = 8000;

    private static final int MAX_STACK_LINES = 20;
    static final int SEND_TIMEOUT_MS = 1000;
    static final long STALL_PAUSE_NANOS = 10_000_000_000L;

    private Path socketPath = Path.of("/dev/log");
    private static final String IDENT = "twitcher";
    private static final int FACILITY = SyslogLine.FACILITY_DAEMON;
    private PrintStream fallback = System.err;

    private final long pid = ProcessHandle.current().pid();
    private final ZoneId zone = ZoneId.systemDefault();
    private PatternLayout fallbackLayout;
    private UnixDatagramSocket channel;
    private boolean failing;
    private boolean withMdc;
    private boolean paused;
    private long pausedUntil;

    public void setSocketPath(Path socketPath) {
        this.socketPath = socketPath;
    }

    /** Where events go while the socket is unusable; stderr by default. */
    public void setFallback(PrintStream fallback) {
        this.fallback = fallback;
    }

    /** Whether the last event went to the fallback stream instead of syslog. */
    public synchronized boolean isFailing() {
        return failing;
    }

    @Override
    public void start() {
        fallbackLayout = new PatternLayout();
        fallbackLayout.setContext(getContext());
        // A bare LoggerContext (not SLF4J's) has no MDC: its events cannot be asked for one.
        withMdc = getContext() instanceof LoggerContext loggers && loggers.getMDCAdapter() != null;
        fallbackLayout.setPattern(withMdc ? LogSetup.PATTERN : LogSetup.PATTERN_WITHOUT_MDC);
        fallbackLayout.start();
        try {
            channel = UnixDatagramSocket.open();
            channel.setSendTimeout(SEND_TIMEOUT_MS);
        } catch (IOException | RuntimeException | LinkageError e) {
            channel = null;
            fail(reason(e));
        }
        if (channel != null && !Files.exists(socketPath)) {
            fail("No such file or directory");
        }
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        int severity = SyslogLine.severity(event.getLevel());
        String message = event.getFormattedMessage();
        if (message == null) {
            message = "";
        }
        String run = withMdc ? event.getMDCPropertyMap().get("run") : null;
        if (run != null) {
            message = "[" + run + "] " + message;
        }
        if (message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS) + "... (" + (message.length() - MAX_MESSAGE_CHARS)
                    + " more characters)";
        }
        Instant time = Instant.ofEpochMilli(event.getTimeStamp());
        if (!send(SyslogLine.format(FACILITY, severity, time, zone, IDENT, pid, message))) {
            fallback.print(fallbackLayout.doLayout(event));
            fallback.flush();
            return;
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            String[] lines = ThrowableProxyUtil.asString(thrown).split("\\R");
            int count = Math.min(lines.length, MAX_STACK_LINES);
            for (int i = 0; i < count; i++) {
                send(SyslogLine.format(FACILITY, severity, time, zone, IDENT, pid, "    " + lines[i].strip()));
            }
        }
    }

    private boolean send(String line) {
        if (channel == null || (paused && System.nanoTime() - pausedUntil < 0)) {
            return false;
        }
        paused = false;
        long started = System.nanoTime();
        try {
            channel.send(line.getBytes(StandardCharsets.UTF_8), socketPath.toString());
            failing = false;
            return true;
        } catch (IOException | RuntimeException e) {
            if (System.nanoTime() - started >= SEND_TIMEOUT_MS * 500_000L) {
                // The send timed out: syslog is stalled, and every event would wait as long again.
                paused = true;
                pausedUntil = System.nanoTime() + STALL_PAUSE_NANOS;
            }
            fail(reason(e));
            return false;
        }
    }

    private void fail(String reason) {
        if (failing) {
            return;
        }
        failing = true;
        String text = socketPath + " is not usable (" + reason + "); logging to stderr instead";
        if (getContext() instanceof LoggerContext loggers) {
            // Laid out like every line after it.
            LoggingEvent warning = new LoggingEvent(
                    DevLogAppender.class.getName(),
                    loggers.getLogger(DevLogAppender.class),
                    Level.WARN,
                    text,
                    null,
                    null);
            fallback.print(fallbackLayout.doLayout(warning));
        } else {
            fallback.println("twitcher: warning: " + text);
        }
        fallback.flush();
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
