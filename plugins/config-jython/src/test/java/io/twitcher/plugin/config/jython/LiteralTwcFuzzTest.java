package io.twitcher.plugin.config.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Generated files of RegisterWatch calls (good and bad values, every spelling of strings and numbers the literal
 * reader takes, comments and line breaks inside the brackets): the loader, which reads what it can without Jython,
 * gives for each exactly what Jython alone gives, watches or error message.
 */
class LiteralTwcFuzzTest {
    private static final JythonRuntime JYTHON = JythonRuntime.start();
    private static final int FILES = 400;

    private final Random random = new Random(20261130L);

    @AfterAll
    static void close() {
        JYTHON.close();
    }

    @Test
    void theLoaderGivesWhatJythonGivesForEveryGeneratedFile() {
        TwcConfigLoader loader = new TwcConfigLoader();
        int literal = 0;
        try {
            for (int i = 0; i < FILES; i++) {
                String source = source();
                ConfigFile file = Twc.file("f.twc", source);
                if (LiteralTwc.load(file).isPresent()) {
                    literal++;
                }
                assertEquals(
                        outcome(() -> PythonFileEvaluation.load(JYTHON, file)),
                        outcome(() -> loader.load(file)),
                        source);
            }
        } finally {
            loader.close();
        }
        assertTrue(literal > FILES / 3, literal + " of " + FILES + " files read without Jython");
        assertTrue(literal < FILES, "every generated file read without Jython: the errors went untested");
    }

    private interface Load {
        Object run() throws ConfigException;
    }

    private static Object outcome(Load load) {
        try {
            return load.run();
        } catch (ConfigException e) {
            return "error: " + e.getMessage();
        }
    }

    private String source() {
        StringBuilder s = new StringBuilder();
        int calls = 1 + random.nextInt(3);
        for (int c = 0; c < calls; c++) {
            if (random.nextInt(4) == 0) {
                s.append("# a comment\n");
            }
            if (random.nextInt(6) == 0) {
                s.append("\n");
            }
            List<String> args = new ArrayList<>();
            args.add("znode="
                    + (random.nextInt(8) > 0 ? pick(str("/a"), str("/b/c")) : pick(str(""), "None", "1", str("rel"))));
            args.add("action=" + action());
            String[][] optional = {
                {"pipe_stdin", "True", "False", "1", "None"},
                {"run_on_load", "True", "False", "IF_CHANGED", str("if_changed"), str("always"), "2"},
                {"run_mode", "QUEUE", "PARALLEL", "DISCARD", "7", "-1", str("QUEUE")},
                {"description", str("pull"), str("two words"), "None", "3"},
                {"uid", str("nobody"), "0", "65534", "-1", "1.5", "True"},
                {"gid", str("nogroup"), "0", "100", "[1]"},
                {"watch_type", "WATCH_DATA", "WATCH_CHILDREN", "9"},
                {"notify_signal", "1", "15", "0", "32", str("HUP")},
                {"timeout", "300", "1.5", "0", "-2", ".5", "1e2", str("5"), "None"},
                {"splay", "0", "10", "86401", "2.5"},
                {"debounce", "0.25", "None", "-1"},
                {"fleet_limit", "5, fleet_path=" + str("/locks/x"), "0", "10001", "1.5", "0, fleet_path=" + str("/l")},
                {"env", "{" + str("A") + ": " + str("b") + "}", "{}", "{" + str("A") + ": 1}", "[]", "None"},
                {"retries", "0", "3", "-1", "1000", "1.0"},
                {"retry_delay", "1", "0.5", "0", "-1", "True"},
                {"on_failure", "KEEP_WATCHING", "STOP_WATCHING", str("stop_watching"), str("panic"), "1"},
            };
            for (String[] option : optional) {
                if (random.nextInt(5) == 0) {
                    // the first two values are good ones, the rest mostly bad
                    int value = random.nextInt(20) == 0 ? 1 + random.nextInt(option.length - 1) : 1 + random.nextInt(2);
                    args.add(option[0] + "=" + option[value]);
                }
            }
            s.append("RegisterWatch(");
            for (int i = 0; i < args.size(); i++) {
                s.append(i == 0 ? "" : ",").append(space()).append(args.get(i));
            }
            s.append(random.nextBoolean() ? "," : "").append(space()).append(")\n");
        }
        return s.toString();
    }

    private String action() {
        return switch (random.nextInt(7)) {
            case 0 -> "Exec(" + (random.nextInt(4) > 0 ? str("date") : pick(str(""), str("  "), "1")) + ")";
            case 1 ->
                "Exec([" + (random.nextInt(4) > 0 ? str("ls") + ", " + str("-l") : pick("", str(""), str("ls") + ", 2"))
                        + "])";
            case 2 -> "Exec((" + str("ls") + "," + pick("", " " + str("-l")) + "))";
            case 3 -> "Exec(" + str("\\n") + ".join([" + str("a") + ", " + str("b") + "]))";
            case 4 ->
                "Webhook(" + pick(str("http://h/x"), str(""), "1")
                        + pick(
                                "",
                                ", method=" + str("PUT"),
                                ", timeout=2.5",
                                ", headers={" + str("X") + ": " + str("y") + "}",
                                ", big=[1, (2, 3)]")
                        + ")";
            case 5 ->
                "JavaAction(" + (random.nextInt(4) > 0 ? str("com.example.Hook") : "None") + pick("", ", level=3")
                        + ")";
            default -> "Action(" + pick(str("exec"), str("my-type")) + pick("", ", command=" + str("date")) + ")";
        };
    }

    /** A str literal of {@code text} (plain ASCII, or one escape) in one of Python's spellings. */
    private String str(String text) {
        String quote = pick("'", "\"", "'''", "\"\"\"");
        String prefix = text.contains("\\") ? pick("", "u", "b") : pick("", "u", "r", "b", "ur", "U", "R");
        return prefix + quote + text + quote;
    }

    private String space() {
        return pick("", " ", "\n    ", "  # note\n  ", "\n\n");
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
