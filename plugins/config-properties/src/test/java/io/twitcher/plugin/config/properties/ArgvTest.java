package io.twitcher.plugin.config.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.ProcessOutcome;
import io.twitcher.api.RunContext;
import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchDefinition;
import io.twitcher.plugin.action.exec.ExecActionType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@code argv} is a JSON list of strings, written in a .properties value (whose own escapes apply first, so the JSON
 * escape {@code \b} is written {@code \\b}). The file goes through the loader and then the real exec action type, as
 * the daemon does: a failure the loader has not located is placed at the watch's origin, the znode's line.
 */
class ArgvTest {
    private final PropertiesConfigLoader loader = new PropertiesConfigLoader();

    private List<String> run(String text) throws Exception {
        WatchDefinition w = loader.load(new ConfigFile(Path.of("/etc/twitcher/w.properties"), "conf/w.properties",
                text.getBytes(StandardCharsets.UTF_8))).get(0);
        RecordingContext context = new RecordingContext();
        try {
            new ExecActionType().create(w.action().params()).run(context);
        } catch (ConfigException e) {
            throw e.at(w.origin());
        }
        return context.argv;
    }

    @Test
    void jsonEscapesDecodeAsJsonDoes() throws Exception {
        assertEquals(List.of("a\bz", "a\fz", "a\nz", "a\\z", "a/z", "\u00e9", "say \"hi\""),
                run("znode=/a\nargv=[\"a\\\\bz\", \"a\\\\fz\", \"a\\\\nz\", \"a\\\\\\\\z\", \"a\\\\/z\","
                        + " \"\\\\u00e9\", \"say \\\\\\\"hi\\\\\\\"\"]\n"));
    }

    @Test
    void propertiesEscapesApplyBeforeJson() throws Exception {
        assertEquals(List.of("a\tz", "\u00e9", "git"), run("znode=/a\nargv=[\"a\\tz\", \"\\u00e9\", \\\n  \"git\"]\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "argv=[\"\\\\uZZZZ\"]|conf/w.properties:3: argv must be a JSON list of strings such as [\"git\", \"pull\"], not '[\"\\uZZZZ\"]'",
        "argv=[\"git\", 1]|conf/w.properties:3: argv must be a JSON list of strings such as [\"git\", \"pull\"], not '[\"git\", 1]'",
        "argv=[\"git\"|conf/w.properties:3: argv must be a JSON list of strings such as [\"git\", \"pull\"], not '[\"git\"'",
        "argv=git pull|conf/w.properties:3: argv must be a JSON list of strings such as [\"git\", \"pull\"], not 'git pull'",
        "argv=[\"git\"] []|conf/w.properties:3: argv must be a JSON list of strings such as [\"git\", \"pull\"], not '[\"git\"] []'",
        "argv=[\"\\uZZZZ\"]|conf/w.properties:3: malformed \\uXXXX escape: \\u must be followed by four hex digits",
    })
    void badArgvIsReportedAtItsOwnLine(String argvLine, String message) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> run("# deploy\nznode=/a\n" + argvLine + "\nrun_mode=QUEUE\n"));
        assertEquals(message, e.getMessage());
    }

    /** A real context that records the argv the action asks for instead of starting it. */
    private static final class RecordingContext implements RunContext {
        private final List<String> argv = new ArrayList<>();

        @Override
        public ProcessOutcome exec(List<String> command) {
            argv.addAll(command);
            return new ProcessOutcome(1, 0, false);
        }

        @Override
        public String znode() {
            return "/a";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public TriggerEvent event() {
            return TriggerEvent.CHANGED;
        }

        @Override
        public byte[] data() {
            return new byte[0];
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public boolean pipeStdin() {
            return false;
        }

        @Override
        public InputStream stdin() {
            return InputStream.nullInputStream();
        }

        @Override
        public Optional<Duration> timeout() {
            return Optional.empty();
        }
    }
}
