package io.twitcher.benchmarks;

import static io.twitcher.benchmarks.Stats.f;
import static io.twitcher.benchmarks.Stats.median;
import static io.twitcher.benchmarks.Stats.ratio;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code reads} section: serial against pipelined re-reads of N watched nodes, alternating, on the harness's own
 * client.
 */
final class ReadsSection extends Section {
    ReadsSection(Context context) {
        super(context);
    }

    void run(int n) throws Exception {
        String parent = "/bench/reads";
        load.writeMany(n, i -> parent + "/n" + i, i -> "0", true, 2000, 0);
        List<Double> serial = new ArrayList<>();
        List<Double> pipelined = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            serial.add((double) load.readAll(n, i -> parent + "/n" + i, 1));
            pipelined.add((double) load.readAll(n, i -> parent + "/n" + i, 1000));
        }
        report.section(
                "reads",
                String.format(
                        java.util.Locale.ROOT,
                        "%,d nodes read with a data watch each"
                                + " (Curator, one session), 3 rounds alternating, medians: one synchronous read after another (how"
                                + " NodeWatches re-read every node after a reconnect before) %s ms; asynchronous reads, up to 1,000"
                                + " in flight (how it does now, `ReadPipeline`) %s ms: %s.%n",
                        n,
                        f(median(serial)),
                        f(median(pipelined)),
                        ratio(median(pipelined), median(serial))));
    }
}
