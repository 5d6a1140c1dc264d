package io.twitcher.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogSetupTest {
    @TempDir
    Path dir;

    @AfterEach
    void quiet() {
        LogSetup.configureForCommand(false);
    }

    @Test
    void defaultIsInfoWithZooKeeperAndCuratorAtWarnAndPf4jSilent() throws IOException {
        LogSetup.configure(options(false, false));
        assertEquals(Level.INFO, level("io.twitcher.runtime.watch"));
        // The plugin registry reports a broken plugin in one line; PF4J's own report is a stack trace.
        assertEquals(Level.OFF, level("org.pf4j"));
        assertEquals(Level.WARN, level("org.apache.zookeeper.ClientCnxn"));
        assertEquals(Level.WARN, level("org.apache.curator.framework"));
    }

    @Test
    void verboseIsDebugForTwitcherOnly() throws IOException {
        LogSetup.configure(options(false, true));
        assertEquals(Level.DEBUG, level("io.twitcher.runtime.watch"));
        assertEquals(Level.OFF, level("org.pf4j"));
        assertEquals(Level.WARN, level("org.apache.zookeeper.ClientCnxn"));
    }

    @Test
    void debugIsDebugEverywhere() throws IOException {
        LogSetup.configure(options(true, false));
        assertEquals(Level.DEBUG, level("io.twitcher.runtime.watch"));
        assertEquals(Level.DEBUG, level("org.pf4j"));
        assertEquals(Level.DEBUG, level("org.apache.zookeeper.ClientCnxn"));
    }

    @Test
    void logfileGetsThePatternAndIsReopenedAfterRotation() throws IOException {
        Path file = dir.resolve("twitcher.log");
        LogSetup setup = LogSetup.configure(new LogOptions(false, false, file, false, LogOptions.DEV_LOG));
        Logger logger = LoggerFactory.getLogger("io.twitcher.runtime.watch.NodeWatch");
        logger.info("Executing process: {}", "deploy");
        String line = Files.readString(file).strip();
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} INFO  \\[[^]]+\\] "
                + "i\\.t\\.r\\.w\\.NodeWatch: Executing process: deploy"), line);

        Files.move(file, dir.resolve("twitcher.log.1"));
        setup.reopen();
        logger.info("after rotation");
        assertTrue(Files.readString(file).contains("after rotation"));
        assertFalse(Files.readString(dir.resolve("twitcher.log.1")).contains("after rotation"));
    }

    @Test
    void anUnwritableLogfileIsOneSentence() {
        Path file = dir.resolve("missing/twitcher.log");
        IOException e = assertThrows(IOException.class,
                () -> LogSetup.configure(new LogOptions(false, false, file, false, LogOptions.DEV_LOG)));
        assertEquals("cannot write the log file " + file + " (its directory does not exist)", e.getMessage());
    }

    @Test
    void syslogIsTheTargetOnlyWithoutFileAndStdout() {
        assertTrue(new LogOptions(false, false, null, false, LogOptions.DEV_LOG).syslog());
        assertFalse(new LogOptions(false, false, dir, false, LogOptions.DEV_LOG).syslog());
        assertFalse(new LogOptions(false, false, null, true, LogOptions.DEV_LOG).syslog());
    }

    private LogOptions options(boolean debug, boolean verbose) {
        return new LogOptions(debug, verbose, dir.resolve("t.log"), false, LogOptions.DEV_LOG);
    }

    private static Level level(String logger) {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(logger).getEffectiveLevel();
    }

    @Test
    void jsonFormatWritesOneObjectALineWithTheRun() throws IOException {
        Path file = dir.resolve("twitcher.json");
        LogSetup.configure(new LogOptions(false, false, file, false, LogOptions.DEV_LOG), null, true);
        org.slf4j.MDC.put("run", "deploy#7");
        try {
            LoggerFactory.getLogger("io.twitcher.run").info("Executing process: {}", "deploy");
        } finally {
            org.slf4j.MDC.remove("run");
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(1, lines.size(), lines.toString());
        String json = lines.get(0);
        assertTrue(json.startsWith("{") && json.endsWith("}"), json);
        assertTrue(json.contains("\"level\":\"INFO\""), json);
        assertTrue(json.contains("\"loggerName\":\"io.twitcher.run\""), json);
        assertTrue(json.contains("\"formattedMessage\":\"Executing process: deploy\""), json);
        assertTrue(json.contains("\"mdc\": {\"run\":\"deploy#7\"}") || json.contains("\"mdc\":{\"run\":\"deploy#7\"}"),
                json);
    }

    @Test
    void anOperatorsLogbackXmlReplacesTheDefaults() throws IOException {
        Path out = dir.resolve("operator.log");
        Path xml = dir.resolve("logback.xml");
        Files.writeString(xml, """
                <configuration>
                  <appender name="f" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>OPERATOR %%level %%logger %%msg%%n</pattern></encoder>
                  </appender>
                  <logger name="io.twitcher" level="WARN"/>
                  <root level="DEBUG"><appender-ref ref="f"/></root>
                </configuration>
                """.formatted(out));
        // Without --logfile or --log_to_stdout the defaults would log to syslog; the operator's file wins.
        LogSetup.configure(options(false, true), xml, false);
        LoggerFactory.getLogger("io.twitcher.runtime.watch.NodeWatch").info("not at WARN");
        LoggerFactory.getLogger("io.twitcher.runtime.watch.NodeWatch").warn("at WARN");
        LoggerFactory.getLogger("org.apache.zookeeper.ClientCnxn").debug("zk debug");
        assertEquals(List.of("OPERATOR WARN io.twitcher.runtime.watch.NodeWatch at WARN",
                "OPERATOR DEBUG org.apache.zookeeper.ClientCnxn zk debug"), Files.readAllLines(out));
    }

    @Test
    void aBrokenLogbackXmlIsOneSentence() throws IOException {
        Path xml = dir.resolve("logback.xml");
        Files.writeString(xml, "<configuration><appender name=\"x\" class=\"no.such.Appender\"/>"
                + "<root level=\"INFO\"><appender-ref ref=\"x\"/></root></configuration>");
        IOException e = assertThrows(IOException.class, () -> LogSetup.configure(options(false, false), xml, false));
        assertTrue(e.getMessage().startsWith("cannot use the log configuration " + xml + " ("), e.getMessage());
    }
}
