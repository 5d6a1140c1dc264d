package io.twitcher.runtime.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.daemon.Twitcher;
import io.twitcher.runtime.status.WatchState;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code twitcher status} shows a watch waiting to retry as "retrying" and one its policy stopped as "stopped". */
class FailurePolicyStatusIT {
    @TempDir
    Path dir;
    private ZkFixture zk;

    @BeforeEach
    void start() throws Exception {
        zk = new ZkFixture(dir);
        zk.poke("/s", "0");
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
    }

    private static Optional<WatchState.Snapshot> watch(Twitcher t, String description) {
        return t.status().watches().stream().filter(w -> w.description().equals(description)).findFirst();
    }

    @Test
    void aWatchWaitingForItsNextAttemptIsRetrying() throws Exception {
        zk.writeConfig("r.properties", "znode=/s\ndescription=r\nrun_on_load=false\nretries=3\nretry_delay=60\n"
                + "command=false\n");
        Twitcher t = zk.startTwitcher();
        zk.poke("/s", "1");
        await().until(() -> watch(t, "r").map(w -> w.state().startsWith("retrying")).orElse(false));
        assertEquals(1, watch(t, "r").orElseThrow().failed());
    }

    @Test
    void aWatchItsPolicyStoppedStaysListedAsStoppedUntilSighup() throws Exception {
        zk.writeConfig("r.properties", "znode=/s\ndescription=r\nrun_on_load=false\non_failure=stop_watching\n"
                + "command=echo run >> " + zk.file("runs") + "; false\n");
        Twitcher t = zk.startTwitcher();
        zk.poke("/s", "1");
        await().until(() -> watch(t, "r").map(w -> w.state().startsWith("stopped (on_failure=stop_watching)"))
                .orElse(false));
        t.reload(); // SIGHUP: the watch runs again, with its run_on_load (false here)
        await().until(() -> watch(t, "r").map(w -> w.state().equals("idle")).orElse(false));
        assertEquals(1, t.status().watches().stream().filter(w -> w.description().equals("r")).count());
        zk.poke("/s", "2");
        await().until(() -> zk.lines("runs").equals(List.of("run", "run")));
        assertTrue(watch(t, "r").isPresent());
    }
}
