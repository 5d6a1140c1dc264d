package io.twitcher.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The run's Markdown report: the machine, the JVM, the options, the targets with their figures, one section per
 * benchmark, and the latency CDF. Also replaces the text between {@code <!-- benchmark-run:begin -->} and
 * {@code <!-- benchmark-run:end -->} in docs/benchmarks.md, and its plot, when every benchmark ran; a partial run's plot
 * is written beside its report.
 */
final class Report {
    private static final Map<String, String> TITLES = Map.of(
            "startup",
            "Start-up and idle memory",
            "latency",
            "Change → action latency",
            "memory",
            "Memory over time",
            "scale",
            "Scale: 10,000 watches",
            "scale100k",
            "Scale: 100,000 watches and a session expiry",
            "reads",
            "Serial and pipelined re-reads",
            "burst",
            "Burst",
            "fanout",
            "Fleet fan-out");
    private final Setup setup;
    private final Set<String> ran;
    private final String machine;
    private final String loadBefore;
    private final Map<String, String> sections = new LinkedHashMap<>();
    private final List<String[]> targets = new ArrayList<>();
    final Map<String, List<Double>> latency = new LinkedHashMap<>();
    final Map<Integer, double[]> fanout = new TreeMap<>();

    Report(Setup setup, Set<String> ran) throws IOException {
        this.setup = setup;
        this.ran = ran;
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .findFirst()
                .map(l -> l.substring(l.indexOf(':') + 2))
                .orElse("?");
        long memKib = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElse(0L);
        this.machine = Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + Math.round(memKib / 1048576.0) + " GiB";
        this.loadBefore = loadAverage();
    }

    private static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    void section(String name, String markdown) {
        sections.put(name, markdown);
    }

    void target(String target, String figure, boolean holds) {
        targets.add(new String[] {target, figure, holds ? "holds" : "**misses**"});
    }

    void write(Path out, Path png) throws IOException {
        // A partial run keeps its plot beside its report: docs/benchmarks.md shows the plot of its full run.
        boolean full = ran.size() == 8;
        Path plot = full
                ? png
                : out.resolveSibling(out.getFileName().toString().replaceFirst("\\.md$", "") + "-latency-cdf.png");
        StringBuilder b = new StringBuilder();
        b.append("Run of ")
                .append(Instant.now().toString(), 0, 16)
                .append(" UTC on ")
                .append(machine)
                .append("; load average before ")
                .append(loadBefore)
                .append(", after ")
                .append(loadAverage())
                .append(" (the machine was shared with other builds: compare the ratios, not absolute times). ")
                .append("Java: ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.runtime.version"))
                .append(". Twitcher's JVM options: `")
                .append(String.join(" ", setup.jvmOptions))
                .append("`.\n\n");
        b.append("### Targets\n\n| target | figure | |\n|---|---|---|\n");
        for (String[] t : targets) {
            b.append("| ")
                    .append(t[0])
                    .append(" | ")
                    .append(t[1])
                    .append(" | ")
                    .append(t[2])
                    .append(" |\n");
        }
        for (Map.Entry<String, String> s : sections.entrySet()) {
            b.append("\n### ")
                    .append(TITLES.getOrDefault(s.getKey(), s.getKey()))
                    .append("\n\n")
                    .append(s.getValue());
            if (s.getKey().equals("latency") && !latency.isEmpty()) {
                b.append("\n![latency CDF](")
                        .append(full ? "benchmarks/latency-cdf.png" : plot.getFileName())
                        .append(")\n");
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, "# Benchmark run\n\n" + b);
        if (!latency.isEmpty()) {
            Files.createDirectories(plot.toAbsolutePath().getParent());
            CdfPlot cdf = new CdfPlot();
            latency.forEach((k, v) -> cdf.add(LatencySection.label(k), v));
            cdf.write(plot, "Twitcher vs baselines: change → action started");
        }
        Path docs = setup.repo.resolve("docs/benchmarks.md");
        if (full && Files.exists(docs)) {
            String text = Files.readString(docs);
            String begin = "<!-- benchmark-run:begin -->";
            String end = "<!-- benchmark-run:end -->";
            int i = text.indexOf(begin);
            int j = text.indexOf(end);
            if (i >= 0 && j > i) {
                Files.writeString(docs, text.substring(0, i + begin.length()) + "\n" + b + text.substring(j));
            }
        }
    }
}
