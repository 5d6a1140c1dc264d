package io.twitcher.examples.marker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.Action;
import io.twitcher.api.ChangeEvent;
import io.twitcher.api.ConfigException;
import io.twitcher.api.ProcessOutcome;
import io.twitcher.api.RunContext;
import io.twitcher.api.RunResult;
import io.twitcher.api.TriggerEvent;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkerPluginTest {
    @TempDir
    Path dir;

    /** What the daemon hands a run. */
    record Context(String znode, int version, byte[] data, boolean pipeStdin) implements RunContext {
        @Override
        public String description() {
            return "marker test";
        }

        @Override
        public TriggerEvent event() {
            return TriggerEvent.CHANGED;
        }

        @Override
        public InputStream stdin() {
            return new ByteArrayInputStream(pipeStdin ? data : new byte[0]);
        }

        @Override
        public Optional<Duration> timeout() {
            return Optional.empty();
        }

        @Override
        public ProcessOutcome exec(List<String> argv) {
            throw new UnsupportedOperationException("marker runs no process");
        }
    }

    @Test
    void markerActionAppendsOneLinePerRun() throws Exception {
        Path file = dir.resolve("marks.txt");
        Action action = new MarkerActionType().create(Map.of("file", file.toString()));

        RunResult first = action.run(new Context("/git/head", 4, "abc\ndef".getBytes(StandardCharsets.UTF_8), true));
        action.run(new Context("/git/head", 5, "ignored".getBytes(StandardCharsets.UTF_8), false));

        assertEquals(RunResult.ok("marked " + file), first);
        assertEquals(List.of("/git/head 4 abc\\ndef", "/git/head 5 "), Files.readAllLines(file));
    }

    @Test
    void markerActionRejectsBadFilesAtLoadTime() {
        var type = new MarkerActionType();
        assertEquals("marker", type.name());
        assertEquals(
                "marker: file is required",
                assertThrows(ConfigException.class, () -> type.create(Map.of())).getMessage());
        assertEquals(
                "marker: file must be an absolute path, not 'marks.txt'",
                assertThrows(ConfigException.class, () -> type.create(Map.of("file", "marks.txt")))
                        .getMessage());
        Path orphan = dir.resolve("missing").resolve("marks.txt");
        assertEquals(
                "marker: file " + orphan + " is in a directory that does not exist",
                assertThrows(ConfigException.class, () -> type.create(Map.of("file", orphan.toString())))
                        .getMessage());
        assertEquals(
                "marker: unknown parameter mode",
                assertThrows(
                                ConfigException.class,
                                () -> type.create(
                                        Map.of("file", dir.resolve("m").toString(), "mode", "x")))
                        .getMessage());
    }

    @Test
    void markerCallbackAppendsToTheFileItsSystemPropertyNames() throws Exception {
        Path file = dir.resolve("callback.txt");
        var callback = new MarkerCallback();
        String before = System.getProperty(MarkerCallback.FILE_PROPERTY);
        try {
            System.setProperty(MarkerCallback.FILE_PROPERTY, file.toString());
            callback.onChange(
                    new ChangeEvent("/app/flag", "on".getBytes(StandardCharsets.UTF_8), 2, TriggerEvent.LOAD, "flag"));
        } finally {
            restore(before);
        }
        assertEquals("marker-callback", callback.name());
        assertEquals(List.of("/app/flag 2 on"), Files.readAllLines(file));
    }

    @Test
    void markerCallbackWithoutItsSystemPropertyFailsNamingIt() {
        String before = System.getProperty(MarkerCallback.FILE_PROPERTY);
        try {
            System.clearProperty(MarkerCallback.FILE_PROPERTY);
            var e = assertThrows(IllegalStateException.class, () -> new MarkerCallback()
                    .onChange(new ChangeEvent("/app/flag", new byte[0], 2, TriggerEvent.LOAD, "flag")));
            assertTrue(e.getMessage().contains("-Dtwitcher.marker.file="), e.getMessage());
        } finally {
            restore(before);
        }
    }

    private static void restore(String value) {
        if (value == null) {
            System.clearProperty(MarkerCallback.FILE_PROPERTY);
        } else {
            System.setProperty(MarkerCallback.FILE_PROPERTY, value);
        }
    }
}
