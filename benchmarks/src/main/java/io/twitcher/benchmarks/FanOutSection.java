package io.twitcher.benchmarks;

import static io.twitcher.benchmarks.Stats.f;
import static io.twitcher.benchmarks.Stats.median;
import static io.twitcher.benchmarks.Stats.percentile;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code fanout} section: N sessions watching one node ({@link FanOut} in its own JVM): write → last
 * notification, server CPU per write.
 */
final class FanOutSection extends Section {
    FanOutSection(Context context) {
        super(context);
    }

    void run() throws Exception {
        StringBuilder b = new StringBuilder("N plain ZooKeeper sessions in one client JVM, each watching `/fanout/node`"
                + " and re-reading it on each notification (as a daemon does); one more session writes it 20 times,"
                + " 300 ms apart. Server: one ZooKeeper 3.9 in its own JVM on this machine.\n\n"
                + "| sessions | write → first notification, ms (median) | write → last notification, ms (median / max)"
                + " | server CPU per write, ms | server CPU idle, ms/s |\n|---|---|---|---|---|\n");
        String[] sizes = options.getOrDefault("fanout", "1000,2000").split(",");
        for (String size : sizes) {
            int n = Integer.parseInt(size);
            List<String> cmd = new ArrayList<>(List.of(
                    setup.java,
                    "-Xss256k",
                    "-Xmx1g",
                    "-XX:+UseSerialGC",
                    "-Dzookeeper.sasl.client=false",
                    "-cp",
                    setup.bareClasspath(),
                    "io.twitcher.benchmarks.FanOut",
                    zk,
                    size,
                    "20",
                    "300"));
            Process p = new ProcessBuilder(cmd)
                    .redirectError(setup.work.resolve("fanout-" + n + ".err").toFile())
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
                b.append("| ")
                        .append(n)
                        .append(" | ")
                        .append(f(median(firstMs)))
                        .append(" | ")
                        .append(f(median(lastMs)))
                        .append(" / ")
                        .append(f(percentile(lastMs, 100)))
                        .append(" | ")
                        .append(f(perWrite))
                        .append(" | ")
                        .append(f(idlePerSecond))
                        .append(" |\n");
                report.fanout.put(n, new double[] {median(lastMs), perWrite, idlePerSecond});
            } finally {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
                p.destroyForcibly();
            }
        }
        report.section("fanout", b.toString());
    }
}
