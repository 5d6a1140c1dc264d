package io.twitcher.benchmarks;

import static io.twitcher.benchmarks.Stats.f;
import static io.twitcher.benchmarks.Stats.median;
import static io.twitcher.benchmarks.Stats.percentile;
import static io.twitcher.benchmarks.Stats.ratio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code startup} section: launch to first run_on_load action and idle RSS of .properties, .twc, .rb (and any
 * {@code --candidate} options) against the bare Java program, subjects interleaved in each round. The bare program
 * also runs on a class-data archive of its own, made as the launcher makes Twitcher's: the floor of a JVM start with
 * these libraries, against which the start-up targets are read.
 */
final class StartupSection extends Section {
    StartupSection(Context context) {
        super(context);
    }

    private static long mark(Path file) throws Exception {
        List<String> lines = Workloads.lines(file);
        return lines.isEmpty() || lines.get(0).isBlank()
                ? -1
                : Long.parseLong(lines.get(0).trim());
    }

    /** The `.properties` subject without class-data sharing (`TWITCHER_CDS_DIR=""`): what the archive gains. */
    private static final String NO_CDS = ".properties, no CDS";

    private static final String BARE = "bare Java";

    /**
     * The bare Java program on a dynamic class-data archive of its own, written by its stop in the uncounted round as
     * Twitcher's launcher writes the daemon's: the least a start of a JVM program doing this job can cost here.
     */
    private static final String BARE_ARCHIVED = "bare Java, own archive";

    /**
     * A `.twc` file whose action is a Python function: Jython starts (a file of literal calls, the `.twc` subject, is
     * read without it).
     */
    private static final String TWC_FUNCTION = ".twc, function action";

    /** A `.rb` file whose action is a block: JRuby starts (a file of literal calls, the `.rb` subject, is read without it). */
    private static final String RB_BLOCK = ".rb, block action";

    void run() throws Exception {
        load.set("/bench/start", "x");
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(".properties", "znode=/bench/start\ncommand=date +%s%N > MARK\n");
        configs.put(".twc", "RegisterWatch(znode='/bench/start', action=Exec('date +%s%N > MARK'))\n");
        configs.put(
                TWC_FUNCTION,
                "def start():\n    Exec('date +%s%N > MARK')()\n\nRegisterWatch(znode='/bench/start', action=start)\n");
        configs.put(".rb", "register_watch znode: '/bench/start', action: exec('date +%s%N > MARK')\n");
        configs.put(RB_BLOCK, "register_watch znode: '/bench/start' do\n  system('date +%s%N > MARK')\nend\n");
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        Map<String, List<Double>> rss = new LinkedHashMap<>();
        List<String> subjects = new ArrayList<>(List.of(BARE, BARE_ARCHIVED));
        Path bareArchive = setup.cdsDir("bare").resolve("bare.jsa");
        List<String> languages =
                List.of(options.getOrDefault("languages", "properties,twc,rb").split(","));
        configs.keySet().stream()
                .filter(l -> languages.contains(suffix(l).substring(1)))
                .forEach(subjects::add);
        if (languages.contains("properties")) {
            subjects.add(NO_CDS);
        }
        for (int c = 0; c < candidates.size(); c++) {
            subjects.add(".properties, options " + (c + 1));
        }
        // Round -1 is not counted: each daemon's stop writes its class-data archive, which later rounds map, as every
        // start after the first does on an installed machine.
        for (int round = -1; round < rounds(); round++) {
            for (String subject : subjects) {
                Path d = dir("startup/" + subject.replaceAll("[^a-z0-9]", "") + round);
                Path markFile = d.resolve("mark");
                String command = "date +%s%N > " + markFile;
                Proc p;
                if (subject.equals(BARE)) {
                    p = setup.bareJava(zk, "/bench/start", command, d.resolve("log"), setup.jvmOptions);
                } else if (subject.equals(BARE_ARCHIVED)) {
                    List<String> jvm = new ArrayList<>(setup.jvmOptions);
                    jvm.add((round < 0 ? "-XX:ArchiveClassesAtExit=" : "-XX:SharedArchiveFile=") + bareArchive);
                    p = setup.bareJava(zk, "/bench/start", command, d.resolve("log"), jvm);
                } else {
                    boolean candidate = subject.contains("options");
                    String config = candidate || subject.equals(NO_CDS) ? ".properties" : subject;
                    List<String> jvm = candidate
                            ? List.of(candidates
                                    .get(Integer.parseInt(subject.substring(subject.length() - 1)) - 1)
                                    .split("\\s+"))
                            : setup.jvmOptions;
                    Path conf = dir("startup/" + subject.replaceAll("[^a-z0-9]", "") + round + "/conf");
                    Files.writeString(
                            conf.resolve("bench" + suffix(config)),
                            configs.get(config).replace("MARK", markFile.toString()));
                    String cds = subject.equals(NO_CDS)
                            ? ""
                            : candidate // other JVM options make another archive: a directory of its own
                                    ? setup.cdsDir(subject.replaceAll("[^a-z0-9]", ""))
                                            .toString()
                                    : setup.cdsDir(conf).toString();
                    p = setup.twitcherWithCds(conf, zk, d.resolve("log"), jvm, cds);
                }
                try (p) {
                    p.await(subject + " to run its first action", Duration.ofSeconds(60), () -> {
                        try {
                            return mark(markFile) > 0;
                        } catch (Exception e) {
                            return false;
                        }
                    });
                    if (round < 0) {
                        continue;
                    }
                    if (subject.equals(BARE_ARCHIVED)) {
                        requireMapped(p, bareArchive);
                    }
                    ms.computeIfAbsent(subject, k -> new ArrayList<>()).add((mark(markFile) - p.launchedAtNanos) / 1e6);
                    TimeUnit.SECONDS.sleep(3); // idle: what a machine carries between changes
                    rss.computeIfAbsent(subject, k -> new ArrayList<>()).add(p.rssKib() / 1024.0);
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("JVM options: `")
                .append(String.join(" ", setup.jvmOptions))
                .append("` (the launcher's defaults")
                .append(options.containsKey("jvm-opts") ? " replaced by --jvm-opts" : "")
                .append("), for Twitcher and" + " the bare Java program alike. ")
                .append(rounds())
                .append(" rounds, subjects interleaved" + " in each round, after one uncounted round whose stops"
                        + " wrote each subject's class-data archive (the launcher's default; `no CDS`: without it);"
                        + " medians.\n\n");
        b.append(
                "| subject | launch → first action, ms (median) | range | ratio to bare Java | idle RSS MiB (median) |\n");
        b.append("|---|---|---|---|---|\n");
        double bare = median(ms.get(BARE));
        double floor = median(ms.get(BARE_ARCHIVED));
        for (String s : subjects) {
            b.append("| ")
                    .append(s)
                    .append(" | ")
                    .append(f(median(ms.get(s))))
                    .append(" | ")
                    .append(f(percentile(ms.get(s), 0)))
                    .append("–")
                    .append(f(percentile(ms.get(s), 100)))
                    .append(" | ")
                    .append(ratio(median(ms.get(s)), bare))
                    .append(" | ")
                    .append(f(median(rss.get(s))))
                    .append(" |\n");
        }
        b.append("\nThe floor: the bare Java program on a class-data archive of its own (written by its stop in the"
                        + " uncounted round, as the launcher writes Twitcher's) starts in ")
                .append(f(floor))
                .append(" ms, ")
                .append(ratio(floor, bare))
                .append(" the bare program; the `.properties` target (0.6×) is ")
                .append(f(0.6 * bare))
                .append(" ms, ")
                .append(ratio(0.6 * bare, floor))
                .append(" that floor.\n");
        for (int c = 0; c < candidates.size(); c++) {
            b.append("\noptions ")
                    .append(c + 1)
                    .append(": `")
                    .append(candidates.get(c))
                    .append("`\n");
        }
        report.section("startup", b.toString());
        if (!languages.containsAll(List.of("properties", "twc", "rb"))) {
            return;
        }
        report.target(
                "Start-up `.properties` ≤ 0.6× bare Java",
                ratio(median(ms.get(".properties")), bare) + " (the floor, bare Java on an archive of its own: "
                        + ratio(floor, bare) + ")",
                median(ms.get(".properties")) <= 0.6 * bare);
        report.target(
                "Start-up `.twc` ≤ 1.0× bare Java",
                ratio(median(ms.get(".twc")), bare) + " (a file of RegisterWatch calls, read without Jython; with a"
                        + " function action, Jython started: " + ratio(median(ms.get(TWC_FUNCTION)), bare) + ")",
                median(ms.get(".twc")) <= bare);
        report.target(
                "Start-up `.rb` ≤ 1.5× bare Java",
                ratio(median(ms.get(".rb")), bare)
                        + " (a file of register_watch calls, read without JRuby; with a block"
                        + " action, JRuby started: " + ratio(median(ms.get(RB_BLOCK)), bare) + ")",
                median(ms.get(".rb")) <= 1.5 * bare);
        report.target(
                "Idle RSS, one exec watch ≤ 64 MiB",
                f(median(rss.get(".properties"))) + " MiB",
                median(rss.get(".properties")) <= 64);
        report.target(
                "Idle RSS `.twc` ≤ 110 MiB",
                f(median(rss.get(".twc"))) + " MiB (with a function action: " + f(median(rss.get(TWC_FUNCTION)))
                        + " MiB)",
                Math.max(median(rss.get(".twc")), median(rss.get(TWC_FUNCTION))) <= 110);
        report.target(
                "Idle RSS `.rb` ≤ 128 MiB",
                f(median(rss.get(".rb"))) + " MiB (with a block action: " + f(median(rss.get(RB_BLOCK))) + " MiB)",
                Math.max(median(rss.get(".rb")), median(rss.get(RB_BLOCK))) <= 128);
    }

    /** The config file's suffix of a subject: {@code .twc} for {@code .twc, function action}. */
    private static String suffix(String subject) {
        int comma = subject.indexOf(',');
        return comma < 0 ? subject : subject.substring(0, comma);
    }

    /**
     * The archived subject must run on the archive its stop in the uncounted round wrote: a JVM that cannot map it runs
     * without it, silently, and the floor would be the bare program's own time.
     */
    private static void requireMapped(Proc p, Path archive) throws java.io.IOException {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("benchmark: the bare Java program wrote no class-data archive at " + archive
                    + " when it stopped (see its log under the work directory)");
        }
        if (!Files.readString(Path.of("/proc/" + p.pid() + "/maps")).contains(archive.toString())) {
            throw new IllegalStateException(
                    "benchmark: the bare Java program did not map its class-data archive " + archive);
        }
    }
}
