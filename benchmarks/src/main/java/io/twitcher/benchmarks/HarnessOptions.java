package io.twitcher.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The harness's command line (picocli, which the daemon's own jar carries on the harness's class path), checked before
 * anything starts: every option known, every value present and of its kind, so that a typo is one sentence
 * ({@link BadOption}) rather than a stack trace or a run that ignores it.
 */
record HarnessOptions(Map<String, String> values, List<String> candidates, boolean help) {
    static final List<String> SECTIONS =
            List.of("startup", "latency", "memory", "scale", "scale100k", "reads", "burst", "fanout");
    static final Set<String> LANGUAGES = Set.of("properties", "twc", "rb");

    /** A command line the harness cannot run; its message is one sentence. */
    static final class BadOption extends IllegalArgumentException {
        BadOption(String message) {
            super(message);
        }
    }

    @Command(
            name = "benchmarks/run [--skip-build]",
            sortOptions = false,
            description = "Runs each benchmark against its baseline on one ZooKeeper and writes a Markdown report.",
            usageHelpWidth = 110)
    static final class Line {
        @Option(
                names = "--only",
                split = ",",
                paramLabel = "SECTION",
                description = "Sections to run, of ${COMPLETION-CANDIDATES} (default: all).",
                completionCandidates = Sections.class)
        List<String> only;

        @Option(
                names = "--languages",
                split = ",",
                paramLabel = "LANGUAGE",
                description =
                        "Start-up configs, of properties, twc, rb (default: all three; twc and rb each start a file of"
                                + " literal calls and one with a function or block action).")
        List<String> languages;

        @Option(names = "--rounds", paramLabel = "N", description = "Start-up rounds (default 5).")
        Integer rounds;

        @Option(names = "--events", paramLabel = "N", description = "Latency events (default 150).")
        Integer events;

        @Option(
                names = "--memory-rounds",
                paramLabel = "N",
                description = "Daemons measured over 10,000 events (default 3).")
        Integer memoryRounds;

        @Option(names = "--burst-writes", paramLabel = "N", description = "Writes of the burst (default 100000).")
        Integer burstWrites;

        @Option(
                names = "--fanout",
                split = ",",
                paramLabel = "N",
                description = "Session counts of the fan-out (default 1000,2000).")
        List<Integer> fanout;

        @Option(
                names = "--jvm-opts",
                paramLabel = "OPTIONS",
                description = "Replace the launcher's default JVM options for every subject.")
        String jvmOpts;

        @Option(
                names = "--candidate",
                paramLabel = "OPTIONS",
                description = "An extra start-up subject with these JVM options added (repeatable).")
        List<String> candidates = new ArrayList<>();

        @Option(
                names = "--report",
                paramLabel = "FILE",
                description = "Where the report goes (default benchmarks/results/run-<time>.md).")
        String report;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help.")
        boolean help;
    }

    /** The sections, for the help. */
    static final class Sections extends ArrayList<String> {
        Sections() {
            super(SECTIONS);
        }
    }

    static String usage() {
        return new CommandLine(new Line()).getUsageMessage();
    }

    static HarnessOptions parse(String... args) {
        Line line = new Line();
        try {
            new CommandLine(line).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new BadOption(e.getMessage());
        }
        if (line.help) {
            return new HarnessOptions(Map.of(), List.of(), true);
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (line.only != null) {
            values.put("only", within("--only", line.only, Set.copyOf(SECTIONS)));
        }
        if (line.languages != null) {
            values.put("languages", within("--languages", line.languages, LANGUAGES));
        }
        putPositive(values, "rounds", line.rounds);
        putPositive(values, "events", line.events);
        putPositive(values, "memory-rounds", line.memoryRounds);
        putPositive(values, "burst-writes", line.burstWrites);
        if (line.fanout != null) {
            line.fanout.forEach(size -> positive("fanout", size));
            values.put(
                    "fanout",
                    String.join(",", line.fanout.stream().map(String::valueOf).toList()));
        }
        if (line.jvmOpts != null) {
            values.put("jvm-opts", line.jvmOpts);
        }
        if (line.report != null) {
            values.put("report", line.report);
        }
        return new HarnessOptions(values, List.copyOf(line.candidates), false);
    }

    private static void putPositive(Map<String, String> values, String name, Integer value) {
        if (value != null) {
            values.put(name, Integer.toString(positive(name, value)));
        }
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new BadOption("--" + name + " takes a whole number above 0, not " + value);
        }
        return value;
    }

    private static String within(String option, List<String> items, Set<String> allowed) {
        for (String item : items) {
            if (!allowed.contains(item)) {
                throw new BadOption(option + ": '" + item + "' is not one of "
                        + String.join(",", allowed.stream().sorted().toList()));
            }
        }
        return String.join(",", items);
    }
}
