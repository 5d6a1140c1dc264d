package io.twitcher.runtime.faults;

import static org.awaitility.Awaitility.await;

import io.twitcher.runtime.daemon.DaemonSettings;
import io.twitcher.runtime.daemon.Twitcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One seeded trial: a fresh daemon watching four nodes (QUEUE, DISCARD and PARALLEL data watches and a QUEUE
 * children watch) with the journaling action; a writer changes them while the faults the seed chose are injected;
 * once writes stop and the ensemble is healthy the invariants are checked, the daemon is closed, and anything an
 * action left is killed. The seed fixes the plan (faults, their order, the writer's choices); thread timing does
 * the rest, which is the point.
 */
final class Trial {
    static final List<String> WATCHES = List.of("q", "d", "p", "c");
    static final Duration SESSION = Duration.ofSeconds(3);
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final int PARALLEL_CAP = 3;
    /** Invariant 1's bound: session timeout + 5 s, plus what a run in progress may still take (timeout, SIGKILL). */
    static final Duration FINAL_DATA_BOUND =
            SESSION.plusSeconds(5).plus(TIMEOUT).plusSeconds(5 + 1);

    /** What a trial did and found. */
    record Result(int index, String target, Map<FaultKind, Integer> faults, List<String> violations, int writes) {}

    private final Ensemble ensemble;
    private final CuratorFramework writer;
    private final Path dir;
    private final Random random;
    private final int index;
    private final String root;
    private final Path journal;
    private final Path config;
    private final Map<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
    private final List<String> violations = new ArrayList<>();
    private final Map<Integer, Integer> applied = new TreeMap<>();
    private int gen;

    Trial(Ensemble ensemble, CuratorFramework writer, Path dir, long seed, int index) {
        this.ensemble = ensemble;
        this.writer = writer;
        this.dir = dir;
        this.random = new Random(seed * 1_000_003L + index);
        this.index = index;
        this.root = "/t" + index;
        this.journal = dir.resolve("journal");
        this.config = dir.resolve("conf").resolve("faults.properties");
    }

    Result run(Set<FaultKind> enabled) throws Exception {
        List<FaultKind> plan = plan(enabled);
        List<FaultKind> actionFaults =
                plan.stream().filter(FaultKind::isActionFault).toList();
        Files.createDirectories(config.getParent());
        Path script = Files.writeString(dir.resolve("action.sh"), Journal.SCRIPT);
        for (String w : WATCHES) {
            writer.create().creatingParentsIfNeeded().forPath(root + "/" + w, "w0-ok".getBytes(StandardCharsets.UTF_8));
        }
        writer.create().forPath(root + "/c/k0");
        writeConfig(script);
        int threads = ProcessTable.daemonThreads();
        int descriptors = ProcessTable.daemonDescriptors();
        Twitcher daemon = new Twitcher(DaemonSettings.builder()
                .zkServers(ensemble.connectString())
                .configPath(config.getParent())
                .sessionTimeout(SESSION)
                .parallelCap(PARALLEL_CAP)
                .shutdownGrace(Duration.ofSeconds(2))
                .build());
        Set<Long> groups = new HashSet<>();
        int writes = 0;
        try (DaemonLog log = new DaemonLog()) {
            daemon.start();
            DaemonProbe probe = new DaemonProbe(daemon);
            applied.put(gen, log.find(0, "watch(es) active"));
            await("the first runs")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> Journal.read(journal).stream()
                                    .map(Journal.Run::watch)
                                    .distinct()
                                    .count()
                            == 4);
            try (Workload load = new Workload(writer, root, random.nextLong(), actionFaults)) {
                load.start();
                for (FaultKind kind : plan) {
                    if (!kind.isActionFault()) {
                        int before = load.writes();
                        await().atMost(Duration.ofSeconds(30))
                                .until(() -> load.writes() >= before + 5 + random.nextInt(20));
                        if (inject(kind, daemon, probe, log, load, script)) {
                            faults.merge(kind, 1, Integer::sum);
                        }
                    }
                }
                int before = load.writes();
                await().atMost(Duration.ofSeconds(60)).until(() -> load.writes() >= before + 20 + random.nextInt(40));
                load.close();
                writes = load.writes();
                load.injected().forEach((k, n) -> faults.merge(k, n.get(), Integer::sum));
            }
            ensemble.restartDown();
            ensemble.awaitHealthy();
            checkFinalData(log);
            List<DaemonLog.Run> logRuns = log.runs();
            List<Journal.Run> runs = Journal.read(journal);
            runs.forEach(r -> groups.add(r.pgid()));
            violations.addAll(InvariantChecker.runModes(logRuns, runs, PARALLEL_CAP));
            violations.addAll(InvariantChecker.ghosts(logRuns, applied));
            runs.stream()
                    .filter(r -> r.version() < 0)
                    .forEach(r -> violations.add("run for a deleted node: " + r.watch() + " pid " + r.pid() + " ("
                            + r.event() + ", version " + r.version() + ")"));
            checkProcesses(groups);
        } finally {
            daemon.close();
            ProcessTable.killGroups(groups);
        }
        checkBaseline(threads, descriptors);
        writer.delete().deletingChildrenIfNeeded().forPath(root);
        return new Result(index, ensemble.name(), faults, violations, writes);
    }

    /**
     * One to three distinct faults this target supports, in random order. One of them comes from a rotation over
     * the kinds (trials alternate between the targets), so a short run still meets every kind.
     */
    private List<FaultKind> plan(Set<FaultKind> enabled) {
        List<FaultKind> candidates = enabled.stream()
                .filter(k -> ensemble.isCluster() || !k.clusterOnly())
                .sorted(java.util.Comparator.comparing((FaultKind k) -> !k.clusterOnly())
                        .thenComparing(k -> k))
                .collect(Collectors.toCollection(ArrayList::new));
        if (candidates.isEmpty()) {
            return List.of();
        }
        FaultKind rotation = candidates.get(((index - 1) / 2) % candidates.size());
        candidates.remove(rotation);
        java.util.Collections.shuffle(candidates, random);
        List<FaultKind> plan = new ArrayList<>(candidates.subList(0, Math.min(candidates.size(), random.nextInt(3))));
        plan.add(random.nextInt(plan.size() + 1), rotation);
        return List.copyOf(plan);
    }

    private boolean inject(
            FaultKind kind, Twitcher daemon, DaemonProbe probe, DaemonLog log, Workload load, Path script)
            throws Exception {
        switch (kind) {
            case SERVER_RESTART -> {
                int mark = probe.mark();
                int writes = load.writes();
                ensemble.restartOne(
                        random,
                        () -> ensemble.isCluster()
                                ? load.writes() > writes + 10
                                : probe.sawSince(mark, ConnectionState.SUSPENDED));
            }
            case LEADER_KILL -> {
                if (ensemble.kill(true, random) == null) {
                    return false;
                }
                awaitQuietly(ensemble::hasLeader);
                ensemble.restartDown();
            }
            case FOLLOWER_KILL -> {
                if (ensemble.kill(false, random) == null) {
                    return false;
                }
                int writes = load.writes();
                awaitQuietly(() -> load.writes() > writes + 10);
                ensemble.restartDown();
            }
            case SESSION_EXPIRE -> {
                if (!probe.expireSession(ensemble.connectString())) {
                    return false;
                }
            }
            case ENSEMBLE_OUTAGE -> {
                int mark = probe.mark();
                ensemble.stopAll();
                // Curator reports LOST once the session timeout has passed without a connection.
                awaitQuietly(() -> probe.sawSince(mark, ConnectionState.LOST));
                ensemble.restartDown();
            }
            case DELETE_RECREATE -> {
                String node = root + "/" + WATCHES.get(random.nextInt(WATCHES.size()));
                writer.delete().deletingChildrenIfNeeded().forPath(node);
                int writes = load.writes() + load.failedWrites();
                awaitQuietly(() -> load.writes() + load.failedWrites() > writes + random.nextInt(10));
                writer.create().forPath(node, ("r" + index + "-ok").getBytes(StandardCharsets.UTF_8));
            }
            case RELOAD_MID_BURST -> {
                int mark = log.mark();
                writeConfig(script);
                await("generation " + gen + " applied")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> log.find(mark, "watch(es) active") >= 0);
                applied.put(gen, log.find(mark, "watch(es) active"));
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        return true;
    }

    /** A new generation of the config: every watch's definition changes (its description and command). */
    private void writeConfig(Path script) throws Exception {
        gen++;
        StringBuilder text = new StringBuilder();
        for (String w : WATCHES) {
            text.append(w)
                    .append(".znode=")
                    .append(root)
                    .append('/')
                    .append(w)
                    .append('\n')
                    .append(w)
                    .append(".description=")
                    .append(w)
                    .append("-g")
                    .append(gen)
                    .append('\n')
                    .append(w)
                    .append(".timeout=")
                    .append(TIMEOUT.toSeconds())
                    .append('\n')
                    .append(w)
                    .append(".command=exec sh ")
                    .append(script)
                    .append(' ')
                    .append(w)
                    .append(' ')
                    .append(gen)
                    .append(' ')
                    .append(journal)
                    .append('\n');
        }
        text.append("d.run_mode=DISCARD\np.run_mode=PARALLEL\nc.watch_type=CHILDREN\n");
        Path tmp = Files.writeString(dir.resolve("faults.tmp"), text);
        Files.move(tmp, config, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Invariant 1: the last run of every watch saw the node's final data within the bound; DISCARD is given one
     * more write once its runs are over (a quiet period) and must run it.
     */
    private void checkFinalData(DaemonLog log) throws Exception {
        for (String w : List.of("q", "p", "c")) {
            String finalData = read(w);
            awaitFinal(log, w, finalData, "once writes stopped");
        }
        awaitQuietly(() -> log.runs().stream().allMatch(r -> r.end() >= 0));
        String last = "w-final" + index + "-ok";
        writer.setData().forPath(root + "/d", last.getBytes(StandardCharsets.UTF_8));
        awaitFinal(log, "d", last, "after a quiet period");
        // Nothing stale ran after the final runs.
        awaitQuietly(() -> log.runs().stream().allMatch(r -> r.end() >= 0));
        for (String w : WATCHES) {
            String expected = w.equals("d") ? last : read(w);
            String seen = lastData(log, w);
            if (!expected.equals(seen)) {
                violations.add("watch " + w + ": the last run saw '" + seen + "', the node holds '" + expected + "'");
            }
        }
    }

    private void awaitFinal(DaemonLog log, String w, String finalData, String when) throws Exception {
        try {
            await().atMost(FINAL_DATA_BOUND).until(() -> finalData.equals(lastData(log, w)));
        } catch (ConditionTimeoutException e) {
            violations.add("watch " + w + ": no run saw the final data '" + finalData + "' within "
                    + FINAL_DATA_BOUND.toSeconds() + " s " + when + " (last run saw '" + lastData(log, w) + "'; "
                    + describeLast(log, w) + ")");
        }
    }

    /** The data the watch's last started run (in the daemon's order) saw, once it ended; null before. */
    private String lastData(DaemonLog log, String w) throws Exception {
        List<DaemonLog.Run> runs = log.runs().stream()
                .filter(r -> InvariantChecker.watchOf(r.description()).equals(w))
                .toList();
        if (runs.isEmpty() || runs.get(runs.size() - 1).end() < 0) {
            return null;
        }
        DaemonLog.Run last = runs.get(runs.size() - 1);
        Journal.Run j =
                InvariantChecker.byRunId(List.of(last), Journal.read(journal)).get(last.runId());
        return j == null ? null : j.data();
    }

    private String describeLast(DaemonLog log, String w) throws Exception {
        List<DaemonLog.Run> runs = log.runs().stream()
                .filter(r -> InvariantChecker.watchOf(r.description()).equals(w))
                .toList();
        return runs.isEmpty()
                ? "no run logged"
                : "last logged run " + runs.get(runs.size() - 1) + ", "
                        + Journal.read(journal).size() + " journal entries";
    }

    private String read(String w) throws Exception {
        if (w.equals("c")) {
            return writer.getChildren().forPath(root + "/c").stream().sorted().collect(Collectors.joining(","));
        }
        return new String(writer.getData().forPath(root + "/" + w), StandardCharsets.UTF_8);
    }

    /** Invariant 4, processes: no zombie children, nobody left in any action's process group. */
    private void checkProcesses(Set<Long> groups) {
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ProcessTable.zombies().isEmpty()
                            && ProcessTable.liveMembers(groups).isEmpty());
        } catch (ConditionTimeoutException e) {
            if (!ProcessTable.zombies().isEmpty()) {
                violations.add("zombies: " + ProcessTable.zombies());
            }
            if (!ProcessTable.liveMembers(groups).isEmpty()) {
                violations.add("processes left in action groups: " + ProcessTable.liveMembers(groups));
            }
        }
    }

    /** Invariant 4, resources: the daemon's threads and descriptors are back to what they were before it started. */
    private void checkBaseline(int threads, int descriptors) {
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            ProcessTable.daemonThreads() <= threads && ProcessTable.daemonDescriptors() <= descriptors);
        } catch (ConditionTimeoutException e) {
            violations.add("after close: " + ProcessTable.daemonThreads() + " daemon threads (baseline " + threads
                    + "), " + ProcessTable.daemonDescriptors() + " pipes/inotify descriptors (baseline "
                    + descriptors + ")");
        }
    }

    private static void awaitQuietly(java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(Duration.ofSeconds(30)).until(condition);
        } catch (ConditionTimeoutException e) {
            // the fault lasted its longest
        }
    }
}
