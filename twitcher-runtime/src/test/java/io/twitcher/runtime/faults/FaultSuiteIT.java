package io.twitcher.runtime.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twitcher.runtime.testing.ZooKeeperExitGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The randomized fault suite of issue 8: seeded trials against a real 3-node cluster and a single server, with
 * faults in ZooKeeper, the watched nodes, the config and the actions, each trial ending with the invariant checks
 * ({@link Trial}). Prints per fault kind: trials, faults injected, violations.
 *
 * <p>The short profile (in {@code mvn verify}) runs a fixed seed. The long profile:
 * {@code mvn -B -ntp verify -pl twitcher-runtime -am -Dtest=NONE -Dit.test=FaultSuiteIT
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dtwitcher.faults.profile=long}
 * (500 trials, every kind, a new seed
 * printed at the start); {@code -Dtwitcher.faults.seed=N}, {@code -Dtwitcher.faults.trials=N} and
 * {@code -Dtwitcher.faults.kinds=all|short|KIND,KIND} override either profile.
 */
@ExtendWith(ZooKeeperExitGuard.ForClass.class) // a restarted server must not end the test JVM
class FaultSuiteIT {
    private static final long SHORT_SEED = 20261129L;

    @TempDir
    Path dir;

    @Test
    void invariantsHoldUnderRandomFaults() throws Exception {
        boolean longProfile = "long".equals(System.getProperty("twitcher.faults.profile"));
        long seed = Long.getLong("twitcher.faults.seed", longProfile ? System.nanoTime() : SHORT_SEED);
        int trials = Integer.getInteger("twitcher.faults.trials", longProfile ? 500 : 12);
        Set<FaultKind> kinds =
                FaultKind.parse(System.getProperty("twitcher.faults.kinds", longProfile ? "all" : "short"));
        System.out.printf(
                "Fault suite: %s profile, seed %d, %d trials, kinds %s%n",
                longProfile ? "long" : "short", seed, trials, kinds);
        FaultKind.EXCLUDED_FROM_SHORT.forEach((k, why) -> {
            if (!kinds.contains(k)) {
                System.out.printf("  %s left out: %s%n", k, why);
            }
        });
        List<Trial.Result> results = new ArrayList<>();
        try (Ensemble single = Ensemble.single();
                Ensemble cluster = Ensemble.cluster();
                CuratorFramework singleWriter = writer(single);
                CuratorFramework clusterWriter = writer(cluster)) {
            for (int i = 1; i <= trials; i++) {
                boolean onCluster = i % 2 == 1;
                Path trialDir = Files.createDirectories(dir.resolve("trial-" + i));
                Ensemble target = onCluster ? cluster : single;
                Trial.Result r;
                try {
                    r = new Trial(target, onCluster ? clusterWriter : singleWriter, trialDir, seed, i).run(kinds);
                } catch (Exception e) {
                    // A trial the harness could not finish counts against the daemon until someone looks at it.
                    r = new Trial.Result(i, target.name(), Map.of(), List.of("trial aborted: " + e), 0);
                    target.restartDown();
                    target.awaitHealthy();
                }
                results.add(r);
                System.out.printf(
                        "trial %d (%s, seed %d): faults %s, %d writes, %d violation(s)%s%n",
                        i,
                        r.target(),
                        seed,
                        r.faults(),
                        r.writes(),
                        r.violations().size(),
                        r.violations().isEmpty() ? "" : "\n    " + String.join("\n    ", r.violations()));
                if (i % 25 == 0 && i < trials) {
                    System.out.print(table(results, seed)); // so far: a long run stopped early still has its figures
                }
            }
        }
        System.out.print(table(results, seed));
        List<String> all = results.stream()
                .flatMap(r -> r.violations().stream()
                        .map(v -> "seed " + seed + " trial " + r.index() + " (" + r.target() + "): " + v))
                .toList();
        assertEquals(List.of(), all, "invariant violations");
    }

    /** Per fault kind: the trials it was injected in, how many times, and the violations of those trials. */
    static String table(List<Trial.Result> results, long seed) {
        Map<FaultKind, int[]> rows = new EnumMap<>(FaultKind.class);
        for (Trial.Result r : results) {
            r.faults().forEach((kind, n) -> {
                int[] row = rows.computeIfAbsent(kind, k -> new int[3]);
                row[0]++;
                row[1] += n;
                row[2] += r.violations().size();
            });
        }
        StringBuilder out = new StringBuilder(String.format(
                "%nFault suite, seed %d: %d trials, %d violations%n",
                seed,
                results.size(),
                results.stream().mapToInt(r -> r.violations().size()).sum()));
        out.append(String.format("%-24s %8s %16s %11s%n", "fault kind", "trials", "faults injected", "violations"));
        rows.forEach((kind, row) -> out.append(String.format("%-24s %8d %16d %11d%n", kind, row[0], row[1], row[2])));
        return out.toString();
    }

    private static CuratorFramework writer(Ensemble ensemble) throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.builder()
                .connectString(ensemble.connectString())
                .sessionTimeoutMs(60_000)
                .connectionTimeoutMs(2_000)
                .retryPolicy(new RetryOneTime(100))
                .build();
        c.start();
        c.blockUntilConnected();
        return c;
    }
}
