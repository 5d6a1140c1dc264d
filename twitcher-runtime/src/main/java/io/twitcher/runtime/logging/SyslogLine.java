package io.twitcher.runtime.logging;

import ch.qos.logback.classic.Level;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats one RFC 3164 (BSD syslog) line, the format {@code /dev/log} readers (rsyslog, syslog-ng, journald) all take:
 * {@code <PRI>Mmm dd hh:mm:ss ident[pid]: message}, with PRI = facility * 8 + severity.
 */
public final class SyslogLine {
    /** The daemon facility (3). */
    public static final int FACILITY_DAEMON = 3;

    // "ppd": the day of month padded with a space to two characters, as RFC 3164 wants ("Nov  5").
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.US);

    private SyslogLine() {}

    /** The syslog severity of a logback level: ERROR 3, WARN 4, INFO 6, DEBUG and TRACE 7. */
    public static int severity(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return 3;
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return 4;
        }
        if (level.isGreaterOrEqual(Level.INFO)) {
            return 6;
        }
        return 7;
    }

    /** The whole line, timestamp in the machine's time zone. */
    public static String format(
            int facility, int severity, Instant time, ZoneId zone, String ident, long pid, String message) {
        return "<" + (facility * 8 + severity) + ">" + TIMESTAMP.format(time.atZone(zone)) + " " + ident + "[" + pid
                + "]: " + message;
    }
}
