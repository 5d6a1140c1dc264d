package io.twitcher.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One benchmark section of the harness: what every section shares (the set-up, the ZooKeeper server and its address,
 * the harness's own client, the report, the options) and the small waits they all use. Each subclass runs one benchmark
 * and writes its report section and targets.
 */
abstract class Section {
    static final Duration LONG = Duration.ofMinutes(3);
    final Setup setup;
    final String zk;
    final Proc server;
    final Workloads load;
    final Report report;
    final Map<String, String> options;
    final List<String> candidates;

    /** What {@link Harness#main} hands every section. */
    record Context(
            Setup setup,
            String zk,
            Proc server,
            Workloads load,
            Report report,
            Map<String, String> options,
            List<String> candidates) {}

    Section(Context context) {
        this.setup = context.setup();
        this.zk = context.zk();
        this.server = context.server();
        this.load = context.load();
        this.report = context.report();
        this.options = context.options();
        this.candidates = context.candidates();
    }

    int rounds() {
        return Integer.parseInt(options.getOrDefault("rounds", "5"));
    }

    Path dir(String name) throws IOException {
        return Files.createDirectories(setup.work.resolve(name));
    }

    static long count(Path file) {
        try {
            return Workloads.lineCount(file);
        } catch (Exception e) {
            return 0;
        }
    }

    static boolean logHas(Proc p, String text) {
        try {
            return p.logText().contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
