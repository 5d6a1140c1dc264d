package io.twitcher.benchmarks;

import static io.twitcher.benchmarks.Stats.f;
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
 * The {@code latency} section: change → action started, paced writes, one watch each: Twitcher, the bare Java program,
 * the kazoo watcher. Its samples also feed the report's CDF plot.
 */
final class LatencySection extends Section {
    LatencySection(Context context) {
        super(context);
    }

    void run() throws Exception {
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
                Proc p =
                        switch (s) {
                            case "twitcher" -> {
                                Path conf = dir("latency/twitcher/conf");
                                Files.writeString(
                                        conf.resolve("l.properties"), "znode=" + node + "\ncommand=" + command + "\n");
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
            // What every subject pays, each part alone, on the same server: the sum is the floor of this benchmark.
            List<Double> zkFloor = LatencyFloor.zooKeeper(zk, "/bench/latency/floor", events);
            List<Double> spawnFloor = LatencyFloor.spawn(
                    setup.repo.resolve("benchmarks/baselines/spawn_floor.py"),
                    dir("latency/floor").resolve("marks"),
                    events);
            StringBuilder b = new StringBuilder("Paced writes (one every ~40 ms, to each subject in turn, ")
                    .append(events)
                    .append(" measured after 10 warm-up writes each); the action is `date +%s%N >> FILE` run through"
                            + " `sh -c`, the write's time is taken just before `setData`. Twitcher starts the action with"
                            + " posix_spawn in a new session; benchmarks/latency/ measures the spawn path"
                            + " alone.\n\n| subject | p50 ms | p90 ms | p99 ms | p50 ratio to Twitcher |\n"
                            + "|---|---|---|---|---|\n");
            double tw = percentile(lat.get("twitcher"), 50);
            for (Map.Entry<String, List<Double>> e : lat.entrySet()) {
                row(b, label(e.getKey()), e.getValue())
                        .append(" | ")
                        .append(ratio(percentile(e.getValue(), 50), tw))
                        .append(" |\n");
            }
            double floor = percentile(zkFloor, 50) + percentile(spawnFloor, 50);
            b.append("\nThe floor, each part measured alone in the same run (")
                    .append(events)
                    .append(
                            " times, after 10 warm-up ones):\n\n| part | p50 ms | p90 ms | p99 ms |\n|---|---|---|---|\n");
            floorRow(
                    b,
                    "ZooKeeper: `setData` → watch notification → re-read answered (the harness's warmed-up Java"
                            + " client)",
                    zkFloor);
            if (spawnFloor.isEmpty()) {
                b.append("\nThe action's part did not run: there is no python3.");
            } else {
                floorRow(
                        b,
                        "the action: `sh -c 'date +%s%N >> FILE'` started by Python's `subprocess`, as the kazoo"
                                + " baseline does, until `date` wrote",
                        spawnFloor);
                b.append("\nA watcher that reads the node and starts a shell cannot go below the sum of the two"
                                + " medians: **")
                        .append(f(floor))
                        .append(" ms**, against ")
                        .append(f(tw))
                        .append(" ms for Twitcher.");
            }
            if (!lat.containsKey("kazoo")) {
                b.append("\n\nThe kazoo baseline did not run: install Debian's `python3-kazoo`.");
            } else if (!spawnFloor.isEmpty()) {
                double kz = percentile(lat.get("kazoo"), 50);
                b.append(" The kazoo target (p50 ≤ 0.7× kazoo) is ")
                        .append(f(0.7 * kz))
                        .append(" ms: ")
                        .append(ratio(0.7 * kz, floor))
                        .append(" the floor.");
            }
            b.append("\n");
            report.section("latency", b.toString());
            double bare = percentile(lat.get("bare"), 50);
            report.target("Latency p50 ≤ 1.0× bare Java", ratio(tw, bare), tw <= bare);
            report.target(
                    "Latency p99 ≤ 1.5× bare Java",
                    ratio(percentile(lat.get("twitcher"), 99), percentile(lat.get("bare"), 99)),
                    percentile(lat.get("twitcher"), 99) <= 1.5 * percentile(lat.get("bare"), 99));
            if (lat.containsKey("kazoo")) {
                double kz = percentile(lat.get("kazoo"), 50);
                report.target(
                        "Latency p50 ≤ 0.7× kazoo",
                        spawnFloor.isEmpty()
                                ? ratio(tw, kz)
                                : ratio(tw, kz) + " (the floor, ZooKeeper's read and the spawn alone: "
                                        + ratio(floor, kz) + ")",
                        tw <= 0.7 * kz);
            }
        } finally {
            for (Proc p : subjects.values()) {
                p.close();
            }
        }
    }

    /** {@code | name | p50 | p90 | p99}, without the row's end: a subject's row adds its ratio. */
    private static StringBuilder row(StringBuilder b, String name, List<Double> ms) {
        return b.append("| ")
                .append(name)
                .append(" | ")
                .append(f(percentile(ms, 50)))
                .append(" | ")
                .append(f(percentile(ms, 90)))
                .append(" | ")
                .append(f(percentile(ms, 99)));
    }

    private static void floorRow(StringBuilder b, String part, List<Double> ms) {
        row(b, part, ms).append(" |\n");
    }

    static String label(String subject) {
        return switch (subject) {
            case "twitcher" -> "Twitcher (.properties, exec)";
            case "bare" -> "bare Java (Curator + ProcessBuilder)";
            case "kazoo" -> "bare Python kazoo watcher";
            default -> subject;
        };
    }
}
