package io.twitcher.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The harness's command line, checked before anything starts: every option known, every value present and of its kind,
 * so that a typo is one sentence ({@link BadOption}) rather than a stack trace or a run that ignores it.
 */
record HarnessOptions(Map<String, String> values, List<String> candidates, boolean help) {
    static final List<String> SECTIONS =
            List.of("startup", "latency", "memory", "scale", "scale100k", "reads", "burst", "fanout");
    static final Set<String> LANGUAGES = Set.of("properties", "twc", "rb");
    private static final Set<String> NUMBERS = Set.of("rounds", "events", "memory-rounds", "burst-writes");
    private static final Set<String> TEXTS = Set.of("jvm-opts", "report");

    static final String USAGE = String.join(
            "\n",
            "usage: benchmarks/run [--skip-build] [options]",
            "  --only SECTIONS      comma-separated, of " + String.join(",", SECTIONS) + " (default: all)",
            "  --languages LIST     start-up configs, of properties,twc,rb (default: all three)",
            "  --rounds N           start-up rounds (default 5)",
            "  --events N           latency events (default 150)",
            "  --memory-rounds N    daemons measured over 10,000 events (default 3)",
            "  --burst-writes N     writes of the burst (default 100000)",
            "  --fanout N,N...      session counts of the fan-out (default 1000,2000)",
            "  --jvm-opts \"...\"     replace the launcher's default JVM options for every subject",
            "  --candidate \"...\"    an extra start-up subject with these JVM options added (repeatable)",
            "  --report FILE        where the report goes (default benchmarks/results/run-<time>.md)",
            "  -h, --help           this text");

    /** A command line the harness cannot run; its message is one sentence. */
    static final class BadOption extends IllegalArgumentException {
        BadOption(String message) {
            super(message);
        }
    }

    static HarnessOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                return new HarnessOptions(Map.of(), List.of(), true);
            }
            if (!arg.startsWith("--")) {
                throw new BadOption("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            if (!NUMBERS.contains(name)
                    && !TEXTS.contains(name)
                    && !Set.of("only", "languages", "fanout", "candidate").contains(name)) {
                throw new BadOption("unknown option '" + arg + "'");
            }
            if (i + 1 >= args.length) {
                throw new BadOption("option '" + arg + "' needs a value");
            }
            String value = args[++i];
            check(name, value);
            if (name.equals("candidate")) {
                candidates.add(value);
            } else {
                values.put(name, value);
            }
        }
        return new HarnessOptions(values, candidates, false);
    }

    private static void check(String name, String value) {
        if (NUMBERS.contains(name)) {
            positive(name, value);
        } else if (name.equals("fanout")) {
            for (String size : value.split(",", -1)) {
                positive(name, size);
            }
        } else if (name.equals("only")) {
            within(name, value, Set.copyOf(SECTIONS));
        } else if (name.equals("languages")) {
            within(name, value, LANGUAGES);
        }
    }

    private static void positive(String name, String value) {
        try {
            if (Integer.parseInt(value) > 0) {
                return;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadOption("--" + name + " takes a whole number above 0, not '" + value + "'");
    }

    private static void within(String name, String value, Set<String> allowed) {
        for (String item : value.split(",", -1)) {
            if (!allowed.contains(item)) {
                throw new BadOption("--" + name + ": '" + item + "' is not one of "
                        + String.join(",", allowed.stream().sorted().toList()));
            }
        }
    }
}
