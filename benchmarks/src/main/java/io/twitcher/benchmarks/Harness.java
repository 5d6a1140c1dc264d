package io.twitcher.benchmarks;

import static io.twitcher.benchmarks.Stats.f;
import static io.twitcher.benchmarks.Stats.median;
import static io.twitcher.benchmarks.Stats.percentile;
import static io.twitcher.benchmarks.Stats.ratio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * The benchmark harness: one ZooKeeper server in its own JVM, then each target against its baseline, interleaved in
 * the same run, and a Markdown report (plus a latency CDF PNG). It reports; it asserts nothing.
 *
 * <p>usage (from the repository root, after {@code mvn -DskipTests package}; {@code benchmarks/run} does both):
 * {@code Harness [--only startup,latency,memory,scale,scale100k,reads,burst,fanout] [--rounds N] [--events N]
 * [--languages properties,twc,rb]
 * [--jvm-opts "..."] [--candidate "opts"]... [--report FILE]}
 */
public final class Harness {
    private static final Duration LONG = Duration.ofMinutes(3);
    private final Setup setup;
    private final String zk;
    private final Proc server;
    private final Workloads load;
    private final Report report;
    private final Map<String, String> options;
    private final List<String> candidates;

    private Harness(Setup setup, String zk, Proc server, Workloads load, Report report, Map<String, String> options,
                    List<String> candidates) {
        this.setup = setup;
        this.zk = zk;
        this.server = server;
        this.load = load;
        this.report = report;
        this.options = options;
        this.candidates = candidates;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--candidate")) {
                candidates.add(args[i + 1]);
            } else {
                opts.put(args[i].substring(2), args[i + 1]);
            }
        }
        Path repo = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("twitcher-bench");
        List<String> jvm = opts.containsKey("jvm-opts") ? List.of(opts.get("jvm-opts").trim().split("\\s+")) : null;
        Setup setup = new Setup(repo, work, jvm);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String zk = "127.0.0.1:" + port;
        Set<String> only = Set.of(opts.getOrDefault("only", "startup,latency,memory,scale,scale100k,reads,burst,fanout")
                .split(","));
        Report report = new Report(setup, only);
        try (Proc server = setup.zooKeeper(port, work);
             CuratorFramework client = CuratorFrameworkFactory.builder().connectString(zk)
                     .retryPolicy(new RetryOneTime(500)).connectionTimeoutMs(60_000).build()) {
            client.start();
            if (!client.blockUntilConnected(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("benchmark: ZooKeeper did not start; see " + server.log);
            }
            Harness h = new Harness(setup, zk, server, new Workloads(client), report, opts, candidates);
            for (String section : List.of("startup", "latency", "memory", "scale", "scale100k", "reads", "burst",
                    "fanout")) {
                if (only.contains(section)) {
                    System.err.println("== " + section + " (" + Instant.now() + ")");
                    try {
                        switch (section) {
                            case "startup" -> h.startup();
                            case "latency" -> h.latency();
                            case "memory" -> h.memory();
                            case "scale" -> h.scale(10_000, false);
                            case "scale100k" -> h.scale(100_000, true);
                            case "reads" -> h.reads(100_000);
                            case "burst" -> h.burst();
                            case "fanout" -> h.fanOut();
                            default -> throw new IllegalArgumentException(section);
                        }
                    } catch (Exception e) {
                        e.printStackTrace();
                        report.section(section, "Failed in this run: " + e.getMessage().lines().findFirst()
                                .orElse(e.toString()) + "\n");
                    }
                }
            }
        }
        setup.cleanUp();
        Path out = Path.of(opts.getOrDefault("report", "benchmarks/results/run-" + Instant.now().toString()
                .replace(':', '-').substring(0, 16) + ".md"));
        report.write(out, repo.resolve("docs/benchmarks/latency-cdf.png"));
        System.err.println("benchmark report: " + out);
    }

    private int rounds() {
        return Integer.parseInt(options.getOrDefault("rounds", "5"));
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(setup.work.resolve(name));
    }

    private static long mark(Path file) throws Exception {
        List<String> lines = Workloads.lines(file);
        return lines.isEmpty() || lines.get(0).isBlank() ? -1 : Long.parseLong(lines.get(0).trim());
    }

    /** Launch to first run_on_load action and idle RSS: .properties, .twc, .rb and the bare Java program. */
    private void startup() throws Exception {
        load.set("/bench/start", "x");
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(".properties", "znode=/bench/start\ncommand=date +%s%N > MARK\n");
        configs.put(".twc", "RegisterWatch(znode='/bench/start', action=Exec('date +%s%N > MARK'))\n");
        configs.put(".rb", "register_watch znode: '/bench/start', action: exec('date +%s%N > MARK')\n");
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        Map<String, List<Double>> rss = new LinkedHashMap<>();
        List<String> subjects = new ArrayList<>(List.of("bare Java"));
        List<String> languages = List.of(options.getOrDefault("languages", "properties,twc,rb").split(","));
        configs.keySet().stream().filter(l -> languages.contains(l.substring(1))).forEach(subjects::add);
        for (int c = 0; c < candidates.size(); c++) {
            subjects.add(".properties, options " + (c + 1));
        }
        for (int round = 0; round < rounds(); round++) {
            for (String subject : subjects) {
                Path d = dir("startup/" + subject.replaceAll("[^a-z0-9]", "") + round);
                Path markFile = d.resolve("mark");
                String command = "date +%s%N > " + markFile;
                Proc p;
                if (subject.equals("bare Java")) {
                    p = setup.bareJava(zk, "/bench/start", command, d.resolve("log"), setup.jvmOptions);
                } else {
                    boolean candidate = subject.contains("options");
                    String lang = candidate ? ".properties" : subject;
                    List<String> jvm = candidate ? List.of(candidates.get(Integer.parseInt(subject.substring(
                            subject.length() - 1)) - 1).split("\\s+")) : setup.jvmOptions;
                    Path conf = dir("startup/" + subject.replaceAll("[^a-z0-9]", "") + round + "/conf");
                    Files.writeString(conf.resolve("bench" + lang), configs.get(lang).replace("MARK", markFile.toString()));
                    p = setup.twitcher(conf, zk, d.resolve("log"), jvm);
                }
                try (p) {
                    p.await(subject + " to run its first action", Duration.ofSeconds(60), () -> {
                        try {
                            return mark(markFile) > 0;
                        } catch (Exception e) {
                            return false;
                        }
                    });
                    ms.computeIfAbsent(subject, k -> new ArrayList<>()).add((mark(markFile) - p.launchedAtNanos) / 1e6);
                    TimeUnit.SECONDS.sleep(3); // idle: what a machine carries between changes
                    rss.computeIfAbsent(subject, k -> new ArrayList<>()).add(p.rssKib() / 1024.0);
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("JVM options: `").append(String.join(" ", setup.jvmOptions)).append("` (the launcher's defaults")
                .append(options.containsKey("jvm-opts") ? " replaced by --jvm-opts" : "").append("), for Twitcher and"
                        + " the bare Java program alike. ").append(rounds()).append(" rounds, subjects interleaved"
                        + " in each round; medians.\n\n");
        b.append("| subject | launch → first action, ms (median) | range | ratio to bare Java | idle RSS MiB (median) |\n");
        b.append("|---|---|---|---|---|\n");
        double bare = median(ms.get("bare Java"));
        for (String s : subjects) {
            b.append("| ").append(s).append(" | ").append(f(median(ms.get(s)))).append(" | ")
                    .append(f(percentile(ms.get(s), 0))).append("–").append(f(percentile(ms.get(s), 100)))
                    .append(" | ").append(ratio(median(ms.get(s)), bare)).append(" | ").append(f(median(rss.get(s))))
                    .append(" |\n");
        }
        for (int c = 0; c < candidates.size(); c++) {
            b.append("\noptions ").append(c + 1).append(": `").append(candidates.get(c)).append("`\n");
        }
        report.section("startup", b.toString());
        if (!languages.containsAll(List.of("properties", "twc", "rb"))) {
            return;
        }
        report.target("Start-up `.properties` ≤ 0.6× bare Java", ratio(median(ms.get(".properties")), bare),
                median(ms.get(".properties")) <= 0.6 * bare);
        report.target("Start-up `.twc` ≤ 1.0× bare Java", ratio(median(ms.get(".twc")), bare),
                median(ms.get(".twc")) <= bare);
        report.target("Start-up `.rb` ≤ 1.5× bare Java", ratio(median(ms.get(".rb")), bare),
                median(ms.get(".rb")) <= 1.5 * bare);
        report.target("Idle RSS, one exec watch ≤ 64 MiB", f(median(rss.get(".properties"))) + " MiB",
                median(rss.get(".properties")) <= 64);
        report.target("Idle RSS `.twc` ≤ 110 MiB", f(median(rss.get(".twc"))) + " MiB", median(rss.get(".twc")) <= 110);
        report.target("Idle RSS `.rb` ≤ 128 MiB", f(median(rss.get(".rb"))) + " MiB", median(rss.get(".rb")) <= 128);
    }

    /** Change → action started, paced writes, one watch each: Twitcher, the bare Java program, the kazoo watcher. */
    private void latency() throws Exception {
        int events = Integer.parseInt(options.getOrDefault("events", "150"));
        Map<String, Proc> subjects = new LinkedHashMap<>();
        Map<String, Path> marks = new LinkedHashMap<>();
        try {
            for (String s : List.of("twitcher", "bare", "kazoo")) {
                if (s.equals("kazoo") && !Setup.kazooInstalled()) {
                    continue;
                }
                Path d = dir("latency/" + s);
                Path markFile = d.resolve("marks");
                String node = "/bench/latency/" + s;
                load.set(node, "0");
                String command = "date +%s%N >> " + markFile;
                Proc p = switch (s) {
                    case "twitcher" -> {
                        Path conf = dir("latency/twitcher/conf");
                        Files.writeString(conf.resolve("l.properties"), "znode=" + node + "\ncommand=" + command + "\n");
                        yield setup.twitcher(conf, zk, d.resolve("log"), setup.jvmOptions);
                    }
                    case "bare" -> setup.bareJava(zk, node, command, d.resolve("log"), setup.jvmOptions);
                    default -> setup.kazoo(zk, node, command, d.resolve("log"));
                };
                subjects.put(s, p);
                marks.put(s, markFile);
                p.await(s + " to run on load", Duration.ofSeconds(60), () -> count(markFile) >= 1);
            }
            Map<String, List<Double>> lat = new LinkedHashMap<>();
            for (int i = 0; i < events + 10; i++) {
                for (String s : subjects.keySet()) {
                    Path markFile = marks.get(s);
                    long before = Workloads.lineCount(markFile);
                    long t0 = Proc.nowNanos();
                    load.set("/bench/latency/" + s, Integer.toString(i));
                    subjects.get(s).await(s + " to run", Duration.ofSeconds(30), () -> count(markFile) > before);
                    List<String> lines = Workloads.lines(markFile);
                    double ms = (Long.parseLong(lines.get(lines.size() - 1).trim()) - t0) / 1e6;
                    if (i >= 10) { // the first ten warm up each subject
                        lat.computeIfAbsent(s, k -> new ArrayList<>()).add(ms);
                    }
                    TimeUnit.MILLISECONDS.sleep(40);
                }
            }
            report.latency.putAll(lat);
            StringBuilder b = new StringBuilder("Paced writes (one every ~40 ms, to each subject in turn, ").append(events)
                    .append(" measured after 10 warm-up writes each); the action is `date +%s%N >> FILE` run through"
                            + " `sh -c`, the write's time is taken just before `setData`. This is the current spawn"
                            + " path of this branch (the latency work is the \"process\" engineer's, in"
                            + " benchmarks/latency/).\n\n| subject | p50 ms | p90 ms | p99 ms | p50 ratio to Twitcher |\n"
                            + "|---|---|---|---|---|\n");
            double tw = percentile(lat.get("twitcher"), 50);
            for (Map.Entry<String, List<Double>> e : lat.entrySet()) {
                b.append("| ").append(label(e.getKey())).append(" | ").append(f(percentile(e.getValue(), 50)))
                        .append(" | ").append(f(percentile(e.getValue(), 90))).append(" | ")
                        .append(f(percentile(e.getValue(), 99))).append(" | ")
                        .append(ratio(percentile(e.getValue(), 50), tw)).append(" |\n");
            }
            if (!lat.containsKey("kazoo")) {
                b.append("\nThe kazoo baseline did not run: install Debian's `python3-kazoo`.\n");
            }
            report.section("latency", b.toString());
            double bare = percentile(lat.get("bare"), 50);
            report.target("Latency p50 ≤ 1.0× bare Java", ratio(tw, bare), tw <= bare);
            report.target("Latency p99 ≤ 1.5× bare Java", ratio(percentile(lat.get("twitcher"), 99),
                    percentile(lat.get("bare"), 99)), percentile(lat.get("twitcher"), 99)
                    <= 1.5 * percentile(lat.get("bare"), 99));
            if (lat.containsKey("kazoo")) {
                double kz = percentile(lat.get("kazoo"), 50);
                report.target("Latency p50 ≤ 0.7× kazoo", ratio(tw, kz), tw <= 0.7 * kz);
            }
        } finally {
            for (Proc p : subjects.values()) {
                p.close();
            }
        }
    }

    static String label(String subject) {
        return switch (subject) {
            case "twitcher" -> "Twitcher (.properties, exec)";
            case "bare" -> "bare Java (Curator + ProcessBuilder)";
            case "kazoo" -> "bare Python kazoo watcher";
            default -> subject;
        };
    }

    private static long count(Path file) {
        try {
            return Workloads.lineCount(file);
        } catch (Exception e) {
            return 0;
        }
    }

    /** RSS after 100 events and after 10,000: one QUEUE exec watch. */
    private void memory() throws Exception {
        Path d = dir("memory");
        Path runs = d.resolve("runs");
        load.set("/bench/memory", "0");
        Path conf = dir("memory/conf");
        Files.writeString(conf.resolve("m.properties"), "znode=/bench/memory\nrun_on_load=false\ncommand=cat > /dev/null;"
                + " echo r >> " + runs + "\n");
        try (Proc p = setup.twitcher(conf, zk, d.resolve("log"), setup.jvmOptions)) {
            p.await("Daemon ready", Duration.ofSeconds(60), () -> logHas(p, "Daemon ready"));
            long idle = p.rssKib();
            load.writeMany(100, i -> "/bench/memory", i -> "v" + i, false, 1, 200);
            long runs100 = Workloads.settle(runs, Duration.ofSeconds(2), LONG);
            long after100 = p.rssKib();
            load.writeMany(9_900, i -> "/bench/memory", i -> "v" + i, false, 1, 1000);
            long runs10k = Workloads.settle(runs, Duration.ofSeconds(2), LONG);
            long after10k = p.rssKib();
            report.section("memory", "One QUEUE exec watch (`cat > /dev/null`), Twitcher's JVM options as above. Writes paced at 200/s"
                    + " for the first 100 and 1,000/s for the next 9,900 (QUEUE coalesces what arrives during a"
                    + " run).\n\n| moment | RSS MiB | runs so far |\n|---|---|---|\n| idle, before any event | "
                    + f(idle / 1024.0) + " | 0 |\n| after 100 events | " + f(after100 / 1024.0) + " | " + runs100
                    + " |\n| after 10,000 events | " + f(after10k / 1024.0) + " | " + runs10k + " |\n");
            report.target("RSS after 10,000 events ≤ after 100", f(after10k / 1024.0) + " vs " + f(after100 / 1024.0)
                    + " MiB", after10k <= after100);
        }
    }

    private static boolean logHas(Proc p, String text) {
        try {
            return p.logText().contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** N watches on distinct znodes: arm time, heap per watch, 1,000 changed at once; with expiry: the re-read. */
    private void scale(int n, boolean expiry) throws Exception {
        String parent = "/bench/scale" + n;
        Path d = dir("scale" + n);
        Path out = d.resolve("runs");
        long created = load.writeMany(n, i -> parent + "/n" + i, i -> "0", true, 2000, 0);
        Path conf = dir("scale" + n + "/conf");
        Files.writeString(conf.resolve("many.properties"), Workloads.manyWatches(n, parent, "echo $TWITCHER_ZNODE >> "
                + out));
        Path one = dir("scale" + n + "/one");
        Files.writeString(one.resolve("one.properties"), Workloads.manyWatches(1, parent, "true"));
        long baseHeap;
        try (Proc p = setup.twitcher(one, zk, d.resolve("one.log"), setup.jvmOptions)) {
            p.await("one-watch daemon ready", Duration.ofSeconds(60), () -> logHas(p, "Daemon ready"));
            baseHeap = p.liveHeapBytes();
        }
        List<String> extra = expiry ? List.of("--session_timeout", "4") : List.of();
        try (Proc p = setup.twitcher(conf, zk, d.resolve("log"), setup.jvmOptions, extra.toArray(String[]::new))) {
            p.await("Twitcher started", LONG, () -> logHas(p, "Twitcher started"));
            long connected = p.logTime("Connected to ZooKeeper").orElseThrow();
            long started = p.logTime("Twitcher started").orElseThrow();
            String startedLine = p.logLines("Twitcher started").get(0);
            long heap = p.liveHeapBytes();
            double perWatch = (heap - baseHeap) / (double) n;
            long rss = p.rssKib();
            int changed = Math.min(n, 1000);
            long t0 = System.nanoTime();
            load.writeMany(changed, i -> parent + "/n" + i, i -> "1", false, changed, 0);
            p.await(changed + " runs", LONG, () -> count(out) >= changed);
            double allRan = (System.nanoTime() - t0) / 1e6;
            StringBuilder b = new StringBuilder();
            b.append(String.format(java.util.Locale.ROOT, "%,d watches on distinct znodes in one `.properties` file"
                    + " (created in %d ms), default options%s.%n%n", n, created,
                    expiry ? ", `--session_timeout 4`" : ""));
            b.append("| figure | value |\n|---|---|\n");
            b.append("| launch → `Twitcher started` | ").append(started - p.launchedAtNanos / 1_000_000).append(" ms |\n");
            b.append("| connected → every watch armed (`Twitcher started`: config loaded, ")
                    .append("every node read) | ").append(started - connected).append(" ms |\n");
            b.append("| live heap after a full GC, minus a one-watch daemon's | ").append(f((heap - baseHeap) / 1048576.0))
                    .append(" MiB = ").append(f(perWatch)).append(" bytes per watch |\n");
            b.append("| RSS | ").append(f(rss / 1024.0)).append(" MiB |\n");
            b.append(String.format(java.util.Locale.ROOT, "| %,d nodes changed at once → all %,d actions ran | %s ms |%n",
                    changed, changed, f(allRan)));
            b.append("| log | `").append(startedLine.replaceAll("^.*Twitcher started", "Twitcher started")).append("` |\n");
            if (expiry) {
                int before = p.logLines("watched node(s) in").size();
                server.signal("STOP");
                TimeUnit.SECONDS.sleep(7); // longer than the session timeout: the session expires
                server.signal("CONT");
                p.await("the re-read after the expiry", LONG, () -> {
                    try {
                        return p.logLines("watched node(s) in").size() > before;
                    } catch (IOException e) {
                        return false;
                    }
                });
                List<String> reads = p.logLines("watched node(s) in");
                String last = reads.get(reads.size() - 1);
                Matcher m = Pattern.compile("Read (\\d+) watched node\\(s\\) in (\\d+) ms").matcher(last);
                boolean expired = logHas(p, "lost (session expired");
                b.append("| ZooKeeper server stopped (SIGSTOP) 7 s, session ").append(expired ? "expired" : "NOT expired")
                        .append(" → every node re-read and re-armed (pipelined asynchronous reads) | ")
                        .append(m.find() ? m.group(2) + " ms for " + m.group(1) + " nodes" : last).append(" |\n");
            }
            report.section(expiry ? "scale100k" : "scale", b.toString());
            String what = String.format(java.util.Locale.ROOT, "%,d watches", n);
            if (!expiry) {
                report.target(what + " armed within 2 s of connecting", (started - connected) + " ms",
                        started - connected <= 2000);
                report.target(what + ": ≤ 1 KiB heap per watch", f(perWatch) + " B", perWatch <= 1024);
                report.target("1,000 changed at once all run", f(allRan) + " ms for all 1,000", true);
            } else {
                report.target(what + " work (arm, change, re-read after expiry)", (started - connected)
                        + " ms to arm; see Scale", true);
            }
        }
    }

    /** Serial against pipelined re-reads of N watched nodes, alternating, on this harness's own client. */
    private void reads(int n) throws Exception {
        String parent = "/bench/reads";
        load.writeMany(n, i -> parent + "/n" + i, i -> "0", true, 2000, 0);
        List<Double> serial = new ArrayList<>();
        List<Double> pipelined = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            serial.add((double) load.readAll(n, i -> parent + "/n" + i, 1));
            pipelined.add((double) load.readAll(n, i -> parent + "/n" + i, 1000));
        }
        report.section("reads", String.format(java.util.Locale.ROOT, "%,d nodes read with a data watch each"
                + " (Curator, one session), 3 rounds alternating, medians: one synchronous read after another (how"
                + " NodeWatches re-read every node after a reconnect before) %s ms; asynchronous reads, up to 1,000"
                + " in flight (how it does now, `ReadPipeline`) %s ms: %s.%n", n, f(median(serial)),
                f(median(pipelined)), ratio(median(pipelined), median(serial))));
    }

    /** 100,000 writes in 10 s to one QUEUE watch with a 50 ms action. */
    private void burst() throws Exception {
        int writes = Integer.parseInt(options.getOrDefault("burst-writes", "100000"));
        Path d = dir("burst");
        Path runs = d.resolve("runs");
        Path last = d.resolve("last");
        load.set("/bench/burst", "start");
        Path conf = dir("burst/conf");
        Files.writeString(conf.resolve("b.properties"), "znode=/bench/burst\nrun_on_load=false\nrun_mode=QUEUE\n"
                + "command=cat > " + last + ".tmp && mv " + last + ".tmp " + last + "; echo r >> " + runs
                + "; sleep 0.05\n");
        try (Proc p = setup.twitcher(conf, zk, d.resolve("log"), setup.jvmOptions)) {
            p.await("Daemon ready", Duration.ofSeconds(60), () -> logHas(p, "Daemon ready"));
            long cpu0 = p.cpuMillis();
            long t0 = System.nanoTime();
            long took = load.writeMany(writes, i -> "/bench/burst", i -> "w" + i, false, 500, writes / 10);
            String finalValue = "w" + (writes - 1);
            p.await("the final value to run", LONG, () -> {
                try {
                    return Files.exists(last) && Files.readString(last).equals(finalValue);
                } catch (IOException e) {
                    return false;
                }
            });
            double wall = (System.nanoTime() - t0) / 1e9;
            long cpu = p.cpuMillis() - cpu0;
            long nRuns = Workloads.settle(runs, Duration.ofSeconds(1), LONG);
            double bound = took / 50.0 + 2;
            double cores = cpu / 1000.0 / wall;
            report.section("burst", String.format(java.util.Locale.ROOT, "%,d writes to one node in %d ms (paced at"
                    + " %,d/s, up to 500 in flight), one QUEUE watch whose action reads its input, records it and"
                    + " sleeps 50 ms.%n%n| figure | value |%n|---|---|%n| the final value ran | yes (`%s`) |%n"
                    + "| runs | %d (bound: burst time / 50 ms + 2 = %.0f) |%n| daemon CPU, burst start → final run | "
                    + "%.1f s CPU in %.1f s = %.2f cores |%n", writes, took, writes / 10, finalValue, nRuns, bound,
                    cpu / 1000.0, wall, cores));
            report.target("Burst: final value runs, runs ≤ time/50 ms + 2", nRuns + " runs ≤ " + f(bound),
                    nRuns <= bound);
            report.target("Burst: daemon under one core", f(cores) + " cores", cores < 1);
        }
    }

    /** N sessions watching one node: write → last notification, server CPU per write. */
    private void fanOut() throws Exception {
        StringBuilder b = new StringBuilder("N plain ZooKeeper sessions in one client JVM, each watching `/fanout/node`"
                + " and re-reading it on each notification (as a daemon does); one more session writes it 20 times,"
                + " 300 ms apart. Server: one ZooKeeper 3.9 in its own JVM on this machine.\n\n"
                + "| sessions | write → first notification, ms (median) | write → last notification, ms (median / max)"
                + " | server CPU per write, ms | server CPU idle, ms/s |\n|---|---|---|---|---|\n");
        String[] sizes = options.getOrDefault("fanout", "1000,2000").split(",");
        for (String size : sizes) {
            int n = Integer.parseInt(size);
            List<String> cmd = new ArrayList<>(List.of(setup.java, "-Xss256k", "-Xmx1g", "-XX:+UseSerialGC",
                    "-Dzookeeper.sasl.client=false", "-cp", setup.bareClasspath(), "io.twitcher.benchmarks.FanOut", zk,
                    size, "20", "300"));
            Process p = new ProcessBuilder(cmd).redirectError(setup.work.resolve("fanout-" + n + ".err").toFile())
                    .start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                if (!"ready".equals(r.readLine())) {
                    throw new IllegalStateException("fan-out client did not start; see " + setup.work);
                }
                long idle0 = server.cpuMillis();
                TimeUnit.SECONDS.sleep(3);
                double idlePerSecond = (server.cpuMillis() - idle0) / 3.0;
                long cpu0 = server.cpuMillis();
                long t0 = System.nanoTime();
                p.getOutputStream().write('\n');
                p.getOutputStream().flush();
                List<Double> lastMs = new ArrayList<>();
                List<Double> firstMs = new ArrayList<>();
                String line;
                while ((line = r.readLine()) != null && !line.equals("done")) {
                    String[] f = line.split(" ");
                    lastMs.add(Double.parseDouble(f[1]));
                    firstMs.add(Double.parseDouble(f[2]));
                    if (Integer.parseInt(f[3]) != n) {
                        System.err.println("fan-out: only " + f[3] + " of " + n + " notified");
                    }
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                double perWrite = ((server.cpuMillis() - cpu0) - idlePerSecond * secs) / lastMs.size();
                b.append("| ").append(n).append(" | ").append(f(median(firstMs))).append(" | ")
                        .append(f(median(lastMs))).append(" / ").append(f(percentile(lastMs, 100))).append(" | ")
                        .append(f(perWrite)).append(" | ").append(f(idlePerSecond)).append(" |\n");
                report.fanout.put(n, new double[] {median(lastMs), perWrite, idlePerSecond});
            } finally {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
                p.destroyForcibly();
            }
        }
        report.section("fanout", b.toString());
    }

    static String join(String... parts) {
        return String.join(" ", Arrays.asList(parts));
    }
}
