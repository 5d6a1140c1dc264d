package io.twitcher.benchmarks;

import static io.twitcher.benchmarks.Stats.f;
import static io.twitcher.benchmarks.Stats.median;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code memory} section: RSS after 100 events and after 10,000, one QUEUE exec watch, a fresh daemon in each round
 * (a single daemon's figures move by about a MiB from one run to the next).
 */
final class MemorySection extends Section {
    MemorySection(Context context) {
        super(context);
    }

    void run() throws Exception {
        int rounds = Integer.parseInt(options.getOrDefault("memory-rounds", "3"));
        List<Double> idle = new ArrayList<>();
        List<Double> after100 = new ArrayList<>();
        List<Double> after10k = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        archive();
        for (int round = 1; round <= rounds; round++) {
            long[] r = round(round);
            idle.add(r[0] / 1024.0);
            after100.add(r[1] / 1024.0);
            after10k.add(r[3] / 1024.0);
            rows.append("| ")
                    .append(round)
                    .append(" | ")
                    .append(f(r[0] / 1024.0))
                    .append(" | ")
                    .append(f(r[1] / 1024.0))
                    .append(" (")
                    .append(r[2])
                    .append(" runs) | ")
                    .append(f(r[3] / 1024.0))
                    .append(" (")
                    .append(r[4])
                    .append(" runs) |\n");
        }
        report.section(
                "memory",
                "One QUEUE exec watch (`cat > /dev/null`), Twitcher's JVM options as above, a fresh daemon in each of "
                        + rounds
                        + " rounds, on the class-data archive an uncounted first daemon wrote. Writes paced at 200/s"
                        + " for the first 100 and 1,000/s for the next 9,900 (QUEUE coalesces what arrives during a"
                        + " run); RSS 2 s after the last run.\n\n"
                        + "| round | idle, before any event, MiB | after 100 events | after 10,000 events |\n"
                        + "|---|---|---|---|\n" + rows + "| median | " + f(median(idle)) + " | " + f(median(after100))
                        + " | " + f(median(after10k)) + " |\n");
        report.target(
                "RSS after 10,000 events ≤ after 100",
                f(median(after10k)) + " vs " + f(median(after100)) + " MiB (medians of " + rounds + " rounds)",
                median(after10k) <= median(after100));
    }

    /**
     * Starts and stops one daemon first, uncounted: when no earlier section of the run wrote the class-data archive the
     * rounds map, its stop writes it (a daemon without it is 3-4 MiB bigger).
     */
    private void archive() throws Exception {
        Path conf = dir("memory/0/conf");
        Files.writeString(conf.resolve("m.properties"), "znode=/bench/memory/0\nrun_on_load=false\ncommand=true\n");
        try (Proc p = setup.twitcher(conf, zk, dir("memory/0").resolve("log"), setup.jvmOptions)) {
            p.await("Daemon ready", Duration.ofSeconds(60), () -> logHas(p, "Daemon ready"));
        }
    }

    /** One daemon: RSS in KiB idle, after 100 events, runs, after 10,000 events, runs. */
    private long[] round(int round) throws Exception {
        Path d = dir("memory/" + round);
        Path runs = d.resolve("runs");
        String node = "/bench/memory/" + round;
        load.set(node, "0");
        Path conf = dir("memory/" + round + "/conf");
        Files.writeString(
                conf.resolve("m.properties"),
                "znode=" + node + "\nrun_on_load=false\ncommand=cat > /dev/null;" + " echo r >> " + runs + "\n");
        try (Proc p = setup.twitcher(conf, zk, d.resolve("log"), setup.jvmOptions)) {
            p.await("Daemon ready", Duration.ofSeconds(60), () -> logHas(p, "Daemon ready"));
            long idle = p.rssKib();
            load.writeMany(100, i -> node, i -> "v" + i, false, 1, 200);
            long runs100 = Workloads.settle(runs, Duration.ofSeconds(2), LONG);
            long after100 = p.rssKib();
            load.writeMany(9_900, i -> node, i -> "v" + i, false, 1, 1000);
            long runs10k = Workloads.settle(runs, Duration.ofSeconds(2), LONG);
            return new long[] {idle, after100, runs100, p.rssKib(), runs10k};
        }
    }
}
