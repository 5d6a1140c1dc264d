package io.twitcher.benchmarks;

import static io.twitcher.benchmarks.Stats.f;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code scale} and {@code scale100k} sections: N watches on distinct znodes: arm time, heap per watch, 1,000
 * changed at once; with expiry: the re-read after the ZooKeeper session expired.
 */
final class ScaleSection extends Section {
    ScaleSection(Context context) {
        super(context);
    }

    void run(int n, boolean expiry) throws Exception {
        String parent = "/bench/scale" + n;
        Path d = dir("scale" + n);
        Path out = d.resolve("runs");
        long created = load.writeMany(n, i -> parent + "/n" + i, i -> "0", true, 2000, 0);
        Path conf = dir("scale" + n + "/conf");
        Files.writeString(
                conf.resolve("many.properties"), Workloads.manyWatches(n, parent, "echo $TWITCHER_ZNODE >> " + out));
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
            b.append(String.format(
                    java.util.Locale.ROOT,
                    "%,d watches on distinct znodes in one `.properties` file"
                            + " (created in %d ms), default options%s.%n%n",
                    n,
                    created,
                    expiry ? ", `--session_timeout 4`" : ""));
            b.append("| figure | value |\n|---|---|\n");
            b.append("| launch → `Twitcher started` | ")
                    .append(started - p.launchedAtNanos / 1_000_000)
                    .append(" ms |\n");
            b.append("| connected → every watch armed (`Twitcher started`: config loaded, ")
                    .append("every node read) | ")
                    .append(started - connected)
                    .append(" ms |\n");
            b.append("| live heap after a full GC, minus a one-watch daemon's | ")
                    .append(f((heap - baseHeap) / 1048576.0))
                    .append(" MiB = ")
                    .append(f(perWatch))
                    .append(" bytes per watch |\n");
            b.append("| RSS | ").append(f(rss / 1024.0)).append(" MiB |\n");
            b.append(String.format(
                    java.util.Locale.ROOT,
                    "| %,d nodes changed at once → all %,d actions ran | %s ms |%n",
                    changed,
                    changed,
                    f(allRan)));
            b.append("| log | `")
                    .append(startedLine.replaceAll("^.*Twitcher started", "Twitcher started"))
                    .append("` |\n");
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
                Matcher m = Pattern.compile("Read (\\d+) watched node\\(s\\) in (\\d+) ms")
                        .matcher(last);
                boolean expired = logHas(p, "lost (session expired");
                b.append("| ZooKeeper server stopped (SIGSTOP) 7 s, session ")
                        .append(expired ? "expired" : "NOT expired")
                        .append(" → every node re-read and re-armed (pipelined asynchronous reads) | ")
                        .append(m.find() ? m.group(2) + " ms for " + m.group(1) + " nodes" : last)
                        .append(" |\n");
            }
            report.section(expiry ? "scale100k" : "scale", b.toString());
            String what = String.format(java.util.Locale.ROOT, "%,d watches", n);
            if (!expiry) {
                report.target(
                        what + " armed within 2 s of connecting",
                        (started - connected) + " ms",
                        started - connected <= 2000);
                report.target(what + ": ≤ 1 KiB heap per watch", f(perWatch) + " B", perWatch <= 1024);
                report.target("1,000 changed at once all run", f(allRan) + " ms for all 1,000", true);
            } else {
                report.target(
                        what + " work (arm, change, re-read after expiry)",
                        (started - connected) + " ms to arm; see Scale",
                        true);
            }
        }
    }
}
