package io.twitcher.runtime.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.cli.TwitcherCli;
import io.twitcher.runtime.testing.LogCapture;
import io.twitcher.runtime.testing.ZkFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile config files of {@link HostileFiles}: each gives its exact one-line refusal in {@code twitcher check}
 * (beside a good file that still checks OK), and all of them at once in one running daemon, whose good watch still
 * runs while none of the hostile ones ever does. Run as root, as CI does: the trust rule applies to root only.
 */
class HostileConfigsIT {
    @TempDir
    Path dir;

    static Stream<HostileFiles.Row> rows() {
        return HostileFiles.rows().stream();
    }

    @Test
    void theTableHasEnoughRowsAndRunsAsRoot() {
        assertEquals(0, (int) uid(), "these tests need root, as in CI");
        assertTrue(HostileFiles.rows().size() >= 25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void checkRefusesTheFileInOneLineAndKeepsTheGoodOne(HostileFiles.Row row) throws Exception {
        Path base = Files.createDirectories(dir.resolve("conf"));
        HostileFiles.marker = dir.resolve("marker");
        HostileFiles.write(base.resolve("good.properties"), "znode=/good\ncommand=true\n", "rw-r--r--");
        row.setup().lay(base, HostileFiles.outsideOf(base));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TwitcherCli.run(
                new String[] {
                    "check",
                    base.toString(),
                    "--plugins_dir",
                    dir.resolve("none").toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, code, () -> "stdout: " + lines + " stderr: " + err);
        assertTrue(
                lines.contains(row.line().apply(base)),
                () -> "expected: " + row.line().apply(base) + "\nin: " + String.join("\n", lines));
        assertTrue(lines.contains(base.resolve("good.properties") + ": OK, 1 watch"), lines::toString);
        assertEquals(
                "twitcher: 1 of 2 config files has errors.",
                err.toString(StandardCharsets.UTF_8).strip());
        assertFalse(String.join("\n", lines).contains("\tat "), "no stack trace");
    }

    @Test
    void aRunningDaemonRefusesEveryHostileFileAndStillRunsTheGoodWatch() throws Exception {
        List<HostileFiles.Row> rows = HostileFiles.rows();
        // check (the other tests) leaves the command's logging behind, warnings only: this test reads INFO lines.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.twitcher"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        try (ZkFixture zk = new ZkFixture(dir);
                LogCapture log = new LogCapture()) {
            HostileFiles.marker = dir.resolve("hostile-ran");
            zk.writeConfig(
                    "good.properties",
                    "znode=/good\nrun_on_load=false\ndescription=good\ncommand=cat >> " + zk.file("good-ran"));
            for (int i = 0; i < rows.size(); i++) {
                Path base = Files.createDirectories(zk.configDir().resolve("case-" + i));
                rows.get(i).setup().lay(base, HostileFiles.outsideOf(base));
            }
            zk.startTwitcher();
            for (int i = 0; i < rows.size(); i++) {
                Path base = zk.configDir().resolve("case-" + i);
                String line = rows.get(i).line().apply(base);
                String file = line.substring(0, line.indexOf(".properties") + ".properties".length());
                String expected = "Exception processing " + file + ": " + line;
                await().until(() -> log.messages().contains(expected)
                        || !log.containing(file + ":").isEmpty());
                assertTrue(
                        log.messages().contains(expected),
                        () -> "expected: " + expected + "\ngot: " + log.containing(file + ":"));
            }
            zk.poke("/good", "go");
            await().until(() -> zk.lines("good-ran").contains("go"));
            assertFalse(Files.exists(HostileFiles.marker), "a hostile watch ran");
        }
    }

    @Test
    void controlCharactersInActionOutputAreEscapedInTheLog() throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.twitcher"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        try (ZkFixture zk = new ZkFixture(dir);
                LogCapture log = new LogCapture()) {
            zk.writeConfig("echo.properties", "znode=/echo\nrun_on_load=false\ndescription=echo\ncommand=cat\n");
            zk.startTwitcher();
            // Znode data with control characters: logged escaped, on one line, not as a forged second log line.
            zk.poke("/echo", "a\u001b[2Jb\rc\u0000d\u0007 fake\u2028INFO forged");
            await().until(() -> !log.containing("echo (").isEmpty()
                    && !log.containing(" stdout: ").isEmpty());
            String escaped = " stdout: a\\x1b[2Jb\\x0dc\\x00d\\x07 fake\\u2028INFO forged";
            assertTrue(
                    log.messages().stream().anyMatch(m -> m.startsWith("echo (") && m.endsWith(escaped)),
                    () -> log.containing("stdout").toString());
        }
    }

    @Test
    void aConfigFileNoLoaderClaimsStopsTheStartInsteadOfAReadyDaemonWithoutItsWatches() throws Exception {
        try (ZkFixture zk = new ZkFixture(dir)) {
            zk.writeConfig("good.properties", "znode=/good\ncommand=true\n");
            Path twc = zk.writeConfig("deploy.twc", "RegisterWatch(znode='/git/head', action=Exec('true'))\n");
            // No plugins directory: only .properties has a loader (on the class path), as when config-jython failed.
            io.twitcher.runtime.lifecycle.StartupException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.twitcher.runtime.lifecycle.StartupException.class, zk::startTwitcher);
            assertEquals(
                    "no config loader claims " + twc + ": the plugin for its language is missing or did not load"
                            + " (see the plugin lines above)",
                    e.getMessage());
        }
    }

    private static Object uid() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
