import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * Change -> action-started latency of Twitcher against baselines on one ZooKeeper, in one run: each watcher watches
 * its own node and runs {@code sh -c 'read -r d; echo "$d $(date +%s%N)" >> FILE'} with the data on its stdin; the
 * harness writes the node with a write id as its data (paced, so that writes do not coalesce; any that do are
 * counted, not measured) and takes the action's timestamp minus the write's. Watchers are measured in turn, round after round, so that the
 * machine's load (shared, noisy) falls on all of them alike. Run it through run.sh.
 *
 * <p>Usage: Latency DIST_DIR WORK_DIR REPORT WRITES_PER_ROUND ROUNDS PACE_MS [PYTHON]
 */
public final class Latency {
    private static final String JVM_DEFAULTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData";
    private static final int WARM_UP = 20;
    private static final String ACTION = "read -r d; echo \"$d $(date +%s%N)\" >> ";

    record Watcher(String name, String what, Process process, Path out) {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        Path report = Path.of(args[2]).toAbsolutePath();
        int writes = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        long paceMs = Long.parseLong(args[5]);
        String python = args.length > 6 && !args[6].isEmpty() ? args[6] : null;
        Path twitcher = dist.resolve("bin/twitcher");
        Path here = Path.of("benchmarks/latency").toAbsolutePath(); // run.sh runs from the repository's root
        List<Process> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(Latency::stop)));

        int port = freePort();
        String zk = "127.0.0.1:" + port;
        Files.createDirectories(work.resolve("zk-conf"));
        started.add(launch(work.resolve("zk.log"), Map.of(), twitcher.toString(), "--embedded-zk=" + port,
                "--config_path", work.resolve("zk-conf").toString(), "--log_to_stdout"));
        try (CuratorFramework client = CuratorFrameworkFactory.newClient(zk, 5000, 5000, new RetryOneTime(200))) {
            client.start();
            if (!client.blockUntilConnected(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the embedded ZooKeeper did not start; see " + work.resolve("zk.log"));
            }
            List<Watcher> watchers = new ArrayList<>();
            watchers.add(twitcherWatcher("twitcher", "Twitcher (posix_spawn, this build)", twitcher, zk, work, client,
                    Map.of(), started));
            watchers.add(twitcherWatcher("twitcher-setsid", "Twitcher with the previous spawn path (ProcessBuilder +"
                    + " setsid, `-Dtwitcher.spawn=setsid`)", twitcher, zk, work, client,
                    Map.of("JAVA_OPTS", JVM_DEFAULTS + " -Dtwitcher.spawn=setsid"), started));
            watchers.add(baseline("bare-java", "bare Java: Curator watch + ProcessBuilder `sh -c` (same JVM options)",
                    zk, work, client, started, out -> {
                        List<String> cmd = new ArrayList<>(List.of(javaBin()));
                        cmd.addAll(List.of(JVM_DEFAULTS.split(" ")));
                        cmd.addAll(List.of("-cp", dist.resolve("lib") + "/*", here.resolve("BareJavaWatcher.java")
                                .toString(), zk, "/bench/latency/bare-java", ACTION + out));
                        return cmd;
                    }));
            if (python != null) {
                watchers.add(baseline("kazoo", "bare Python kazoo DataWatch + subprocess `sh -c`", zk, work, client,
                        started, out -> List.of(python, here.resolve("bare_kazoo.py").toString(), zk,
                                "/bench/latency/kazoo", ACTION + out)));
            }
            for (Watcher w : watchers) {
                waitReady(w);
                writeAndCollect(client, w, "warm", WARM_UP, paceMs, new ArrayList<>()); // JIT, first native calls
            }
            Map<String, List<Double>> latencies = new LinkedHashMap<>();
            watchers.forEach(w -> latencies.put(w.name, new ArrayList<>()));
            String load = Files.readString(Path.of("/proc/loadavg")).trim();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < watchers.size(); i++) {
                    Watcher w = watchers.get((i + round) % watchers.size());
                    writeAndCollect(client, w, "r" + round, writes, paceMs, latencies.get(w.name));
                }
                System.err.printf("round %d/%d done%n", round + 1, rounds);
            }
            String text = report(watchers, latencies, writes, rounds, paceMs, load)
                    + spawnReport(dist, work, here, writes, rounds);
            Files.createDirectories(report.getParent());
            Files.writeString(report, text);
            System.out.print(text);
        } finally {
            started.forEach(Latency::stop);
        }
    }

    private static Watcher twitcherWatcher(String name, String what, Path twitcher, String zk, Path work,
            CuratorFramework client, Map<String, String> env, List<Process> started) throws Exception {
        Path dir = work.resolve(name);
        Files.createDirectories(dir.resolve("conf"));
        Path out = dir.resolve("out");
        String node = "/bench/latency/" + name;
        client.create().orSetData().creatingParentsIfNeeded().forPath(node, new byte[0]);
        Files.writeString(dir.resolve("conf/latency.properties"), "znode=" + node + "\ncommand=" + ACTION + out
                + "\nrun_on_load=false\n");
        Process p = launch(dir.resolve("log"), env, twitcher.toString(), "--zkservers", zk, "--config_path",
                dir.resolve("conf").toString(), "--log_to_stdout");
        started.add(p);
        return new Watcher(name, what, p, out);
    }

    interface Command {
        List<String> of(Path out);
    }

    private static Watcher baseline(String name, String what, String zk, Path work, CuratorFramework client,
            List<Process> started, Command command) throws Exception {
        Path dir = work.resolve(name);
        Files.createDirectories(dir);
        Path out = dir.resolve("out");
        client.create().orSetData().creatingParentsIfNeeded().forPath("/bench/latency/" + name, new byte[0]);
        Process p = launch(dir.resolve("log"), Map.of(), command.of(out).toArray(String[]::new));
        started.add(p);
        return new Watcher(name, what, p, out);
    }

    /** Ready = a write makes it run its action (its first run is not measured). */
    private static void waitReady(Watcher w) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!w.process.isAlive()) {
                throw new IllegalStateException(w.name + " exited; see its log in the work directory");
            }
            String log = Files.exists(w.out.resolveSibling("log")) ? Files.readString(w.out.resolveSibling("log")) : "";
            if (log.contains("Daemon ready") || log.contains("ready")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(w.name + " did not get ready within 120 s");
    }

    /**
     * Writes {@code count} ids to the watcher's node, {@code paceMs} apart, then waits until the last one ran and
     * adds the latency of every id that ran (an id coalesced with a later write has no line).
     */
    private static void writeAndCollect(CuratorFramework client, Watcher w, String tag, int count, long paceMs,
            List<Double> into) throws Exception {
        String node = "/bench/latency/" + w.name;
        Map<String, Long> written = new LinkedHashMap<>();
        String last = null;
        for (int i = 0; i < count; i++) {
            last = tag + "-" + i;
            Instant now = Instant.now();
            written.put(last, now.getEpochSecond() * 1_000_000_000L + now.getNano());
            client.setData().forPath(node, last.getBytes(StandardCharsets.UTF_8));
            Thread.sleep(paceMs);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, Long> ran = new LinkedHashMap<>();
        while (System.nanoTime() < deadline && !ran.containsKey(last)) {
            ran.clear();
            if (Files.exists(w.out)) {
                for (String line : Files.readAllLines(w.out)) {
                    String[] parts = line.trim().split(" ");
                    if (parts.length == 2) {
                        ran.put(parts[0], Long.parseLong(parts[1]));
                    }
                }
            }
            Thread.sleep(50);
        }
        if (!ran.containsKey(last)) {
            throw new IllegalStateException(w.name + " never ran the action for its last write " + last);
        }
        int missed = 0;
        for (Map.Entry<String, Long> e : written.entrySet()) {
            Long at = ran.get(e.getKey());
            if (at == null) {
                missed++;
            } else {
                into.add((at - e.getValue()) / 1e6);
            }
        }
        if (missed > 0) {
            System.err.printf("%s %s: %d of %d writes coalesced with a later one (not measured)%n", w.name, tag,
                    missed, count);
        }
    }

    private static String report(List<Watcher> watchers, Map<String, List<Double>> latencies, int writes, int rounds,
            long paceMs, String load) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("# Change -> action started latency (").append(DateTimeFormatter.ISO_INSTANT.format(Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS))).append(")\n\n");
        s.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(cpuModel()).append("; load average at the start: ").append(load).append("; Java ")
                .append(System.getProperty("java.version")).append(".\n");
        s.append(rounds).append(" rounds of ").append(writes).append(" writes per watcher, ").append(paceMs)
                .append(" ms apart, watchers in turn; the action is `sh -c '").append(ACTION).append("FILE'`, the")
                .append(" write's id on its stdin; ms from before `setData`")
                .append(" to the action's timestamp.\n\n");
        s.append("| watcher | runs | p50 ms | p90 ms | p99 ms | p50 / bare Java | p99 / bare Java | p50 / kazoo |\n");
        s.append("|---|---|---|---|---|---|---|---|\n");
        List<Double> java = sorted(latencies.get("bare-java"));
        List<Double> kazoo = latencies.containsKey("kazoo") ? sorted(latencies.get("kazoo")) : null;
        for (Watcher w : watchers) {
            List<Double> l = sorted(latencies.get(w.name));
            s.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %s |%n", w.what,
                    l.size(), pct(l, 50), pct(l, 90), pct(l, 99), pct(l, 50) / pct(java, 50),
                    pct(l, 99) / pct(java, 99), kazoo == null ? "n/a"
                            : String.format(Locale.ROOT, "%.2f", pct(l, 50) / pct(kazoo, 50))));
        }
        return s.toString();
    }

    /**
     * The spawn path alone, in fresh JVMs taking turns: ProcessSupervisor with posix_spawn, with the previous setsid
     * path, and a bare ProcessBuilder; from the start call to the child's first instruction.
     */
    private static String spawnReport(Path dist, Path work, Path here, int count, int rounds) throws Exception {
        Map<String, String[]> kinds = new LinkedHashMap<>();
        kinds.put("ProcessSupervisor.start, posix_spawn (this build)", new String[] {"supervisor", ""});
        kinds.put("ProcessSupervisor.start, previous path (ProcessBuilder + setsid)",
                new String[] {"supervisor", "-Dtwitcher.spawn=setsid"});
        kinds.put("bare ProcessBuilder `sh -c`", new String[] {"processbuilder", ""});
        Map<String, List<Double>> values = new LinkedHashMap<>();
        kinds.keySet().forEach(k -> values.put(k, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, String[]> kind : kinds.entrySet()) {
                Path out = work.resolve("spawn-" + round + "-" + kind.getValue()[0] + kind.getValue()[1].length());
                List<String> cmd = new ArrayList<>(List.of(javaBin()));
                cmd.addAll(List.of(JVM_DEFAULTS.split(" ")));
                if (!kind.getValue()[1].isEmpty()) {
                    cmd.add(kind.getValue()[1]);
                }
                cmd.add("-Dlogback.configurationFile=" + here.resolve("logback.xml"));
                cmd.addAll(List.of("-cp", dist.resolve("lib") + "/*", here.resolve("SpawnLatency.java").toString(),
                        kind.getValue()[0], String.valueOf(count), "20", out.toString()));
                Process p = launch(work.resolve("spawn.log"), Map.of(), cmd.toArray(String[]::new));
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("SpawnLatency failed; see " + work.resolve("spawn.log"));
                }
                for (String line : Files.readAllLines(out)) {
                    String[] parts = line.split(" ");
                    values.get(kind.getKey()).add((Long.parseLong(parts[1]) - Long.parseLong(parts[0])) / 1e6);
                }
            }
        }
        StringBuilder s = new StringBuilder("\nThe spawn path alone (no ZooKeeper): from the start call to the child's"
                + " `date +%s%N`, " + rounds + " fresh JVMs per kind taking turns, " + count + " spawns each after"
                + " 20 of warm-up, one at a time.\n\n| spawn | runs | p50 ms | p90 ms | p99 ms | p50 / bare"
                + " ProcessBuilder |\n|---|---|---|---|---|---|\n");
        List<Double> bare = sorted(values.get("bare ProcessBuilder `sh -c`"));
        for (Map.Entry<String, List<Double>> e : values.entrySet()) {
            List<Double> l = sorted(e.getValue());
            s.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f |%n", e.getKey(), l.size(),
                    pct(l, 50), pct(l, 90), pct(l, 99), pct(l, 50) / pct(bare, 50)));
        }
        return s.toString();
    }

    private static List<Double> sorted(List<Double> values) {
        List<Double> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    private static double pct(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    }

    private static Process launch(Path log, Map<String, String> env, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
