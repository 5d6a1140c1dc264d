package io.twitcher.runtime.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.daemon.Twitcher;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 200 watches on one node and one poke: every run happens, on a bounded number of worker threads. */
class BoundedThreadsIT {
    @TempDir
    Path dir;

    @Test
    void twoHundredWatchesOnOneNodeRunOnABoundedPool() throws Exception {
        try (ZkFixture zk = new ZkFixture(dir)) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                text.append("w")
                        .append(i)
                        .append(".znode=/burst\nw")
                        .append(i)
                        .append(".run_on_load=false\nw")
                        .append(i)
                        .append(".command=echo ")
                        .append(i)
                        .append(" >> ")
                        .append(zk.file("started"))
                        .append("; while [ ! -e ")
                        .append(zk.file("release"))
                        .append(" ]; do sleep 0.05; done; echo ")
                        .append(i)
                        .append(" >> ")
                        .append(zk.file("runs"))
                        .append('\n');
            }
            zk.writeConfig("burst.properties", text.toString());
            // Threads of an earlier test's daemon in this JVM (one that is still ending) are not this daemon's.
            Set<Thread> earlier = workerThreadSet();
            zk.startTwitcher();
            AtomicInteger peak = new AtomicInteger();
            zk.poke("/burst", "go");
            // The runs block until released (the first --max_running of them as processes, the next waiting for a
            // process slot): without a bound, all 200 would hold a thread each by now.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        int now = workerThreads(earlier);
                        peak.accumulateAndGet(now, Math::max);
                        return now >= Twitcher.MAX_WORKERS
                                && !zk.lines("started").isEmpty();
                    });
            java.nio.file.Files.createFile(Path.of(zk.file("release")));
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        peak.accumulateAndGet(workerThreads(earlier), Math::max);
                        return zk.lines("runs").size() == 200;
                    });
            assertTrue(peak.get() > 0 && peak.get() <= Twitcher.MAX_WORKERS, "peak worker threads: " + peak.get());
        }
    }

    @Test
    void runsOneAfterAnotherReuseAnIdleWorker() throws Exception {
        try (ZkFixture zk = new ZkFixture(dir)) {
            zk.writeConfig(
                    "quiet.properties",
                    "znode=/quiet\nrun_on_load=false\ncommand=cat >> " + zk.file("runs") + "; echo >> "
                            + zk.file("runs") + "\n");
            zk.startTwitcher();
            int before = workerThreads();
            for (int i = 1; i <= 8; i++) {
                zk.poke("/quiet", "run" + i);
                int expected = i;
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> zk.lines("runs").size() == expected);
                // the run's end is logged after its output: wait until its thread is back in the pool
                await().atMost(Duration.ofSeconds(20)).until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().startsWith("twitcher-watch-")));
            }
            // A thread per run (a new thread for each of the eight while the pool was below its size) costs the
            // latency of creating it and a stack that stays until it idles out.
            assertTrue(workerThreads() <= before + 1, "worker threads: " + before + " before, " + workerThreads());
        }
    }

    /** Worker threads: idle ones ("twitcher-worker-N") and those running an action (named after its watch). */
    private static int workerThreads() {
        return workerThreadSet().size();
    }

    /** Worker threads but those in {@code earlier}. */
    private static int workerThreads(Set<Thread> earlier) {
        Set<Thread> now = workerThreadSet();
        now.removeAll(earlier);
        return now.size();
    }

    private static Set<Thread> workerThreadSet() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches("twitcher-worker-[0-9]+")
                        || t.getName().startsWith("twitcher-watch-"))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
