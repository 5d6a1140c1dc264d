package io.twitcher.runtime.fleet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.daemon.Twitcher;
import io.twitcher.runtime.status.WatchState;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several daemons in one JVM against one real ZooKeeper, as machines of a fleet: fleet_limit, splay, debounce and
 * run_on_load=if_changed, with real child processes writing what they did.
 */
class FleetControlsIT {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private ZkFixture zk;

    @BeforeEach
    void start() throws Exception {
        zk = new ZkFixture(dir);
        zk.poke("/git/head", "0");
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
    }

    /** Starts daemon {@code n} of a fleet with its own config directory holding {@code config} as app.properties. */
    private Twitcher machine(int n, String config) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("machine" + n));
        Files.writeString(conf.resolve("app.properties"), config.replace("@N@", Integer.toString(n)));
        return zk.startTwitcher(b -> b.configPath(conf).stateDir(dir.resolve("state" + n)));
    }

    private static WatchState.Snapshot watch(Twitcher t) {
        return t.status().watches().get(0);
    }

    @Test
    void fiveMachinesWithFleetLimitTwoNeverRunMoreThanTwoAtOnceAndAllRun() throws Exception {
        String log = zk.file("runs");
        // Each run appends "+", waits for a while, appends "-": the log's running count is the concurrency.
        String config = "znode=/git/head\nrun_on_load=false\npipe_stdin=false\nfleet_limit=2\n" + "command=echo + >> "
                + log + "; sleep 0.4; echo - >> " + log + "\n";
        List<Twitcher> fleet = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fleet.add(machine(i, config));
        }
        zk.poke("/git/head", "1");
        // Three machines wait for a lease for a while, and say so.
        await().atMost(LONG).until(() -> fleet.stream()
                .anyMatch(t -> !t.status().watches().isEmpty()
                        && watch(t).waiting() == WatchState.Waiting.FLEET_LEASE
                        && watch(t).state().startsWith("waiting for a fleet lease since ")));
        await().atMost(LONG)
                .until(() -> zk.lines("runs").stream().filter("-"::equals).count() == 5);
        int running = 0;
        int most = 0;
        for (String line : zk.lines("runs")) {
            running += line.equals("+") ? 1 : -1;
            most = Math.max(most, running);
        }
        assertEquals(2, most, "the most runs at once: " + zk.lines("runs"));
        assertEquals(10, zk.lines("runs").size());
        for (Twitcher t : fleet) {
            assertEquals(1, watch(t).succeeded());
        }
    }

    @Test
    void splaySpreadsTheRunsOverTheWindow() throws Exception {
        String config = "znode=/git/head\nrun_on_load=false\npipe_stdin=false\nsplay=5\n" + "command=date +%s%N >> "
                + zk.file("starts") + "\n";
        for (int i = 0; i < 8; i++) {
            machine(i, config);
        }
        zk.poke("/git/head", "1");
        await().atMost(LONG).until(() -> zk.lines("starts").size() == 8);
        List<Long> starts =
                zk.lines("starts").stream().map(Long::parseLong).sorted().toList();
        long spreadMillis = (starts.get(7) - starts.get(0)) / 1_000_000;
        // Eight uniform draws over 5 s all within 0.5 s of each other: probability 8 * 0.1^7 - 7 * 0.1^8, under 1 in
        // a million (with five machines it was 1 in 2000).
        assertTrue(spreadMillis > 500, "runs started within " + spreadMillis + " ms of each other");
    }

    @Test
    void updatesDuringTheSplayOnlyRefreshTheData() throws Exception {
        Twitcher t = machine(
                0,
                "znode=/git/head\nrun_on_load=false\nsplay=2\ncommand=cat >> " + zk.file("runs") + "; echo >> "
                        + zk.file("runs") + "\n");
        for (int i = 1; i <= 20; i++) {
            zk.poke("/git/head", Integer.toString(i));
        }
        await().atMost(LONG).until(() -> zk.lines("runs").contains("20"));
        // A later update runs after the splay as well: once it has, an extra run of the burst would have come.
        zk.poke("/git/head", "later");
        await().atMost(LONG).until(() -> zk.lines("runs").contains("later"));
        // The splay is a random draw up to 2 s: one shorter than the burst ends before it does, and the burst then
        // runs more than once (FleetGateTest holds the timer to show one run). Each run gets the node's data when its
        // wait ends, so the runs see rising values, the last of the burst 20, and none twice.
        List<String> runs = zk.lines("runs");
        assertEquals("later", runs.get(runs.size() - 1), "runs: " + runs);
        List<Integer> burst =
                runs.subList(0, runs.size() - 1).stream().map(Integer::parseInt).toList();
        assertEquals(20, burst.get(burst.size() - 1), "runs: " + runs);
        for (int i = 1; i < burst.size(); i++) {
            assertTrue(burst.get(i - 1) < burst.get(i), "runs: " + runs);
        }
        await().atMost(LONG).until(() -> watch(t).succeeded() == runs.size());
        assertEquals(runs.size(), watch(t).started());
    }

    @Test
    void debounceRunsOnceAfterABurst() throws Exception {
        // A second watch with the same debounce on another node marks time: its timer fires after the first's.
        Twitcher t = machine(
                0,
                "app.znode=/git/head\napp.run_on_load=false\napp.debounce=1\napp.description=app\n"
                        + "app.command=cat >> " + zk.file("runs") + "; echo >> " + zk.file("runs") + "\n"
                        + "marker.znode=/marker\nmarker.run_on_load=false\nmarker.debounce=1\nmarker.command=touch "
                        + zk.file("marker") + "\n");
        for (int i = 1; i <= 30; i++) {
            zk.poke("/git/head", Integer.toString(i));
        }
        zk.poke("/marker", "x");
        await().atMost(LONG)
                .until(() ->
                        Files.exists(dir.resolve("marker")) && zk.lines("runs").size() >= 1);
        assertEquals(List.of("30"), zk.lines("runs"));
        WatchState.Snapshot app = t.status().watches().stream()
                .filter(w -> w.description().equals("app"))
                .findFirst()
                .orElseThrow();
        // ZooKeeper coalesces rapid writes, so fewer than 30 updates may be seen; all but one ran as part of it.
        assertTrue(app.updates() > 1, "updates seen: " + app.updates());
        assertEquals(1, app.started());
        assertEquals(app.updates() - 1, app.notRun());
    }

    @Test
    void ifChangedSkipsTheLoadRunAfterARestartUnlessTheNodeChangedMeanwhile() throws Exception {
        String config = "znode=/git/head\nrun_on_load=if_changed\ncommand=cat >> " + zk.file("runs") + "; echo >> "
                + zk.file("runs") + "\n";
        Twitcher first = machine(0, config);
        await().atMost(LONG)
                .until(() ->
                        zk.lines("runs").equals(List.of("0")) && watch(first).succeeded() == 1);
        first.close();

        Twitcher unchanged = machine(0, config);
        await().atMost(LONG).until(() -> watch(unchanged).skippedUnchanged() == 1);
        assertEquals(0, watch(unchanged).started());
        unchanged.close();

        zk.poke("/git/head", "1"); // while no daemon runs
        Twitcher changed = machine(0, config);
        await().atMost(LONG)
                .until(() -> zk.lines("runs").equals(List.of("0", "1"))
                        && watch(changed).succeeded() == 1);
        assertEquals(0, watch(changed).skippedUnchanged());
        changed.close();

        Twitcher again = machine(0, config);
        await().atMost(LONG).until(() -> watch(again).skippedUnchanged() == 1);
        assertEquals(List.of("0", "1"), zk.lines("runs"));
    }
}
