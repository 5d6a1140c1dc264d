package io.twitcher.plugin.config.jruby;

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
 * Generated files of register_watch calls (good and bad values, both quotes, symbols and labels, with and without
 * parentheses, comments and line breaks where Ruby allows them): the loader, which reads what it can without JRuby,
 * gives for each exactly what JRuby alone gives, watches or error message.
 */
class LiteralRbFuzzTest {
    private static final RubyRuntime JRUBY = RubyRuntime.start();
    private static final int FILES = 300;

    @AfterAll
    static void close() {
        JRUBY.close();
    }

    private final Random random = new Random(20261130L);

    @Test
    void theLoaderGivesWhatJRubyGivesForEveryGeneratedFile() {
        RubyConfigLoader loader = new RubyConfigLoader();
        int literal = 0;
        try {
            for (int i = 0; i < FILES; i++) {
                String source = source();
                ConfigFile file = LiteralRbTest.file(source);
                if (LiteralRb.load(file).isPresent()) {
                    literal++;
                }
                assertEquals(outcome(() -> JRUBY.load(file)), outcome(() -> loader.load(file)), source);
            }
        } finally {
            loader.close();
        }
        assertTrue(literal > FILES / 3, literal + " of " + FILES + " files read without JRuby");
        assertTrue(literal < FILES, "every generated file read without JRuby: the errors went untested");
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
            List<String> args = new ArrayList<>();
            args.add(key("znode")
                    + (random.nextInt(8) > 0 ? pick(str("/a"), str("/b/c")) : pick(str(""), "nil", "1", ":a")));
            args.add(key("action") + action());
            String[][] optional = {
                {"pipe_stdin", "true", "false", "1", "nil"},
                {"run_on_load", "true", "false", ":if_changed", str("if_changed"), "2"},
                {"run_mode", "QUEUE", ":parallel", ":discard", "7", "-1", str("queue")},
                {"description", str("pull"), str("two words"), "nil", "3"},
                {"uid", str("nobody"), "0", "65534", "-1", "1.5", "true"},
                {"gid", str("nogroup"), "100", "[1]"},
                {"watch_type", "WATCH_DATA", ":children", "9"},
                {"notify_signal", "1", ":HUP", str("TERM"), "0", "32", ":NOPE"},
                {"timeout", "300", "1.5", "nil", "0", "-2", "1e2", str("5")},
                {"splay", "0", "10", "86401", "2.5"},
                {"debounce", "0.25", "nil", "-1"},
                {"fleet_limit", "5, fleet_path: " + str("/locks/x"), "0", "10001", "1.5"},
                {"env", "{ " + str("A") + " => " + str("b") + " }", "{ A: " + str("b") + " }", "{}", "{ 1 => 'b' }"},
                {"retries", "0", "3", "-1", "1000", "1.0"},
                {"retry_delay", "1", "0.5", "0", "-1", "true"},
                {"on_failure", ":keep_watching", ":stop_watching", str("panic"), "1"},
            };
            for (String[] option : optional) {
                if (random.nextInt(5) == 0) {
                    // the first two values are good ones, the rest mostly bad
                    int value = random.nextInt(20) == 0 ? 1 + random.nextInt(option.length - 1) : 1 + random.nextInt(2);
                    args.add(key(option[0]) + option[value]);
                }
            }
            boolean parens = random.nextBoolean();
            s.append(parens ? "register_watch(" + pick("", "\n  ") : "register_watch ");
            for (int i = 0; i < args.size(); i++) {
                // a line end before a comma is a syntax error in Ruby: the loader must leave it to JRuby
                String separator = random.nextInt(30) == 0 ? "\n, " : pick(", ", ",\n  ", ",  # note\n  ");
                s.append(i == 0 ? "" : separator).append(args.get(i));
            }
            s.append(parens ? pick("", ",", "\n", ",\n") + ")" : "").append("\n");
        }
        return s.toString();
    }

    private String key(String name) {
        return random.nextInt(4) == 0 ? ":" + name + " => " : name + ": ";
    }

    private String action() {
        return switch (random.nextInt(7)) {
            case 0 -> "exec(" + (random.nextInt(4) > 0 ? str("date") : pick(str(""), str("  "), "1")) + ")";
            case 1 ->
                "exec(" + (random.nextInt(4) > 0 ? "[" + str("ls") + ", " + str("-l") + "]" : pick("[]", "['']")) + ")";
            case 2 -> "exec(" + str("ls") + ", " + pick(str("-l"), "2") + ")";
            case 3 ->
                "webhook(" + (random.nextInt(4) > 0 ? str("http://h/x") : pick(str(""), "1"))
                        + pick(
                                "",
                                ", method: " + str("PUT"),
                                ", timeout: 2.5",
                                ", headers: { 'X' => 'y' }",
                                ", big: [1, [2]]")
                        + ")";
            case 4 -> "webhook(url: " + str("https://h/") + ")";
            case 5 ->
                "java_action(" + (random.nextInt(4) > 0 ? pick(str("audit"), ":audit") : "nil") + pick("", ", level: 3")
                        + ")";
            default -> "action(" + pick(":exec", str("my-type")) + pick("", ", command: " + str("date")) + ")";
        };
    }

    /** A String literal of {@code text} in single or double quotes. */
    private String str(String text) {
        return random.nextBoolean() ? "'" + text + "'" : "\"" + text + "\"";
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
