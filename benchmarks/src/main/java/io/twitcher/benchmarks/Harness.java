package io.twitcher.benchmarks;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * The benchmark harness: one ZooKeeper server in its own JVM, then each target against its baseline, interleaved in
 * the same run, and a Markdown report (plus a latency CDF PNG). It reports; it asserts nothing.
 *
 * <p>usage (from the repository root, after {@code mvn -DskipTests package}; {@code benchmarks/run} does both):
 * {@code Harness [--only startup,latency,memory,scale,scale100k,reads,burst,fanout] [--rounds N] [--events N]
 * [--memory-rounds N] [--languages properties,twc,rb]
 * [--jvm-opts "..."] [--candidate "opts"]... [--report FILE]}
 */
public final class Harness {
    private Harness() {}

    public static void main(String[] args) throws Exception {
        HarnessOptions parsed;
        try {
            parsed = HarnessOptions.parse(args);
        } catch (HarnessOptions.BadOption e) {
            System.err.println("benchmark: " + e.getMessage() + " (see benchmarks/run --help).");
            System.exit(2);
            return;
        }
        if (parsed.help()) {
            System.out.print(HarnessOptions.usage());
            return;
        }
        Map<String, String> opts = new LinkedHashMap<>(parsed.values());
        List<String> candidates = parsed.candidates();
        Path repo = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("twitcher-bench");
        List<String> jvm = opts.containsKey("jvm-opts")
                ? List.of(opts.get("jvm-opts").trim().split("\\s+"))
                : null;
        Setup setup = new Setup(repo, work, jvm);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String zk = "127.0.0.1:" + port;
        Set<String> only =
                opts.containsKey("only") ? Set.of(opts.get("only").split(",")) : Set.copyOf(HarnessOptions.SECTIONS);
        Report report = new Report(setup, only);
        try (Proc server = setup.zooKeeper(port, work);
                CuratorFramework client = CuratorFrameworkFactory.builder()
                        .connectString(zk)
                        .retryPolicy(new RetryOneTime(500))
                        .connectionTimeoutMs(60_000)
                        .build()) {
            client.start();
            if (!client.blockUntilConnected(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("benchmark: ZooKeeper did not start; see " + server.log);
            }
            Section.Context context =
                    new Section.Context(setup, zk, server, new Workloads(client), report, opts, candidates);
            for (String section : HarnessOptions.SECTIONS) {
                if (only.contains(section)) {
                    System.err.println("== " + section + " (" + Instant.now() + ")");
                    try {
                        switch (section) {
                            case "startup" -> new StartupSection(context).run();
                            case "latency" -> new LatencySection(context).run();
                            case "memory" -> new MemorySection(context).run();
                            case "scale" -> new ScaleSection(context).run(10_000, false);
                            case "scale100k" -> new ScaleSection(context).run(100_000, true);
                            case "reads" -> new ReadsSection(context).run(100_000);
                            case "burst" -> new BurstSection(context).run();
                            case "fanout" -> new FanOutSection(context).run();
                            default -> throw new IllegalArgumentException(section);
                        }
                    } catch (Exception e) {
                        e.printStackTrace();
                        report.section(
                                section,
                                "Failed in this run: "
                                        + e.getMessage().lines().findFirst().orElse(e.toString()) + "\n");
                    }
                }
            }
        }
        setup.cleanUp();
        Path out = Path.of(opts.getOrDefault(
                "report",
                "benchmarks/results/run-"
                        + Instant.now().toString().replace(':', '-').substring(0, 16) + ".md"));
        report.write(out, repo.resolve("docs/benchmarks/latency-cdf.png"));
        System.err.println("benchmark report: " + out);
    }

    static String join(String... parts) {
        return String.join(" ", Arrays.asList(parts));
    }
}
