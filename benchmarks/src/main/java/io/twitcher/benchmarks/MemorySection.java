package io.twitcher.benchmarks;

import static io.twitcher.benchmarks.Stats.f;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The {@code memory} section: RSS after 100 events and after 10,000, one QUEUE exec watch. */
final class MemorySection extends Section {
    MemorySection(Context context) {
        super(context);
    }

    void run() throws Exception {
        Path d = dir("memory");
        Path runs = d.resolve("runs");
        load.set("/bench/memory", "0");
        Path conf = dir("memory/conf");
        Files.writeString(
                conf.resolve("m.properties"),
                "znode=/bench/memory\nrun_on_load=false\ncommand=cat > /dev/null;" + " echo r >> " + runs + "\n");
        try (Proc p = setup.twitcher(conf, zk, d.resolve("log"), setup.jvmOptions)) {
            p.await("Daemon ready", Duration.ofSeconds(60), () -> logHas(p, "Daemon ready"));
            long idle = p.rssKib();
            load.writeMany(100, i -> "/bench/memory", i -> "v" + i, false, 1, 200);
            long runs100 = Workloads.settle(runs, Duration.ofSeconds(2), LONG);
            long after100 = p.rssKib();
            load.writeMany(9_900, i -> "/bench/memory", i -> "v" + i, false, 1, 1000);
            long runs10k = Workloads.settle(runs, Duration.ofSeconds(2), LONG);
            long after10k = p.rssKib();
            report.section(
                    "memory",
                    "One QUEUE exec watch (`cat > /dev/null`), Twitcher's JVM options as above. Writes paced at 200/s"
                            + " for the first 100 and 1,000/s for the next 9,900 (QUEUE coalesces what arrives during a"
                            + " run).\n\n| moment | RSS MiB | runs so far |\n|---|---|---|\n| idle, before any event | "
                            + f(idle / 1024.0) + " | 0 |\n| after 100 events | " + f(after100 / 1024.0) + " | "
                            + runs100
                            + " |\n| after 10,000 events | " + f(after10k / 1024.0) + " | " + runs10k + " |\n");
            report.target(
                    "RSS after 10,000 events ≤ after 100",
                    f(after10k / 1024.0) + " vs " + f(after100 / 1024.0) + " MiB",
                    after10k <= after100);
        }
    }
}
