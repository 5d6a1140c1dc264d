package io.twitcher.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SyslogLineTest {

    @Test
    void formatsRfc3164WithSpacePaddedDay() {
        String line = SyslogLine.format(
                SyslogLine.FACILITY_DAEMON,
                6,
                Instant.parse("2024-11-05T07:08:09Z"),
                ZoneOffset.UTC,
                "twitcher",
                4242,
                "Executing process: deploy");
        assertEquals("<30>Nov  5 07:08:09 twitcher[4242]: Executing process: deploy", line);
    }

    @Test
    void twoDigitDaysAreNotPadded() {
        String line = SyslogLine.format(
                SyslogLine.FACILITY_DAEMON,
                3,
                Instant.parse("2024-03-17T23:59:59Z"),
                ZoneOffset.UTC,
                "twitcher",
                1,
                "x");
        assertEquals("<27>Mar 17 23:59:59 twitcher[1]: x", line);
    }

    @Test
    void mapsLevelsToSyslogSeverities() {
        assertEquals(3, SyslogLine.severity(Level.ERROR));
        assertEquals(4, SyslogLine.severity(Level.WARN));
        assertEquals(6, SyslogLine.severity(Level.INFO));
        assertEquals(7, SyslogLine.severity(Level.DEBUG));
        assertEquals(7, SyslogLine.severity(Level.TRACE));
    }
}
