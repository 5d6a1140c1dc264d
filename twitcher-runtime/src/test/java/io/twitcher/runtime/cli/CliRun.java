package io.twitcher.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.daemon.DaemonService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of the command line: exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {

    /** Runs {@code args} with empty stdin and a service factory that must not be reached. */
    static CliRun of(String... args) {
        return with(
                new byte[0],
                settings -> {
                    throw new AssertionError("the daemon should not have been started");
                },
                args);
    }

    /** Runs {@code args} with {@code stdin} and {@code services}. */
    static CliRun with(byte[] stdin, DaemonService.Factory services, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TwitcherCli.run(
                args,
                new TwitcherCli.Context(
                        new ByteArrayInputStream(stdin),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        services,
                        TwitcherCli.class));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Asserts the exit code and that stderr is one sentence {@code twitcher: ... .} containing {@code fragment}. */
    CliRun failsWith(int expectedCode, String fragment) {
        assertEquals(expectedCode, code, () -> "exit code; stderr: " + err);
        assertOneSentence(err, fragment);
        return this;
    }

    static void assertOneSentence(String err, String fragment) {
        String text = err.strip();
        assertFalse(text.contains("\n"), () -> "more than one line: " + err);
        assertTrue(text.startsWith("twitcher: "), () -> "no prefix: " + err);
        assertTrue(text.endsWith("."), () -> "no full stop: " + err);
        assertFalse(text.contains("Exception") || text.contains("\tat "), () -> "a stack trace: " + err);
        assertTrue(text.contains(fragment), () -> "'" + fragment + "' missing from: " + err);
    }
}
