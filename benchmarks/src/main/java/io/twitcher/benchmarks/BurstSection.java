package io.twitcher.benchmarks;

import static io.twitcher.benchmarks.Stats.f;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code burst} section: 100,000 writes in 10 s (by default) to one QUEUE watch with a 50 ms action.
 */
final class BurstSection extends Section {
    BurstSection(Context context) {
        super(context);
    }

    void run() throws Exception {
        int writes = Integer.parseInt(options.getOrDefault("burst-writes", "100000"));
        Path d = dir("burst");
        Path runs = d.resolve("runs");
        Path last = d.resolve("last");
        load.set("/bench/burst", "start");
        Path conf = dir("burst/conf");
        Files.writeString(
                conf.resolve("b.properties"),
                "znode=/bench/burst\nrun_on_load=false\nrun_mode=QUEUE\n"
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
            report.section(
                    "burst",
                    String.format(
                            java.util.Locale.ROOT,
                            "%,d writes to one node in %d ms (paced at"
                                    + " %,d/s, up to 500 in flight), one QUEUE watch whose action reads its input, records it and"
                                    + " sleeps 50 ms.%n%n| figure | value |%n|---|---|%n| the final value ran | yes (`%s`) |%n"
                                    + "| runs | %d (bound: burst time / 50 ms + 2 = %.0f) |%n| daemon CPU, burst start → final run | "
                                    + "%.1f s CPU in %.1f s = %.2f cores |%n",
                            writes,
                            took,
                            writes / 10,
                            finalValue,
                            nRuns,
                            bound,
                            cpu / 1000.0,
                            wall,
                            cores));
            report.target(
                    "Burst: final value runs, runs ≤ time/50 ms + 2", nRuns + " runs ≤ " + f(bound), nRuns <= bound);
            report.target("Burst: daemon under one core", f(cores) + " cores", cores < 1);
        }
    }
}
