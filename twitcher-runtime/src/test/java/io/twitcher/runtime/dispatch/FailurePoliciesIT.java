package io.twitcher.runtime.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twitcher.runtime.daemon.Twitcher;
import io.twitcher.runtime.testing.LogCapture;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** retries, retry_delay and on_failure, with real shell actions that fail. */
class FailurePoliciesIT {
    @TempDir
    Path dir;
    private ZkFixture zk;

    @BeforeEach
    void start() throws Exception {
        zk = new ZkFixture(dir);
        zk.poke("/f", "0");
        // A sentinel on the same node: once it ran for an update, the watch under test has had that update too.
        zk.writeConfig("sentinel.properties", "znode=/f\nrun_on_load=false\ncommand=cat >> " + zk.file("sentinel")
                + "; echo >> " + zk.file("sentinel"));
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
    }

    /** A command that records its data and fails until it has been run {@code failures} times. */
    private String failing(int failures) {
        return "command=n=$(cat " + zk.file("attempts") + " 2>/dev/null | wc -l); echo \"$(cat)\" >> "
                + zk.file("attempts") + "; [ $n -ge " + failures + " ]\n";
    }

    @Test
    void aFailedRunIsTriedAgainUntilItSucceeds() throws Exception {
        try (LogCapture log = new LogCapture()) {
            zk.writeConfig("r.properties", "znode=/f\nrun_on_load=false\nretries=3\nretry_delay=0.05\n" + failing(2));
            zk.startTwitcher();
            zk.poke("/f", "1");
            await().until(() -> zk.lines("attempts").equals(List.of("1", "1", "1")));
            await().until(() -> log.containing("exited with code 0").size() >= 2); // the sentinel's and the 3rd try's
            assertEquals(2, log.containing("trying again in").size());
        }
    }

    @Test
    void retriesStopAfterTheLastAttempt() throws Exception {
        try (LogCapture log = new LogCapture()) {
            zk.writeConfig("r.properties", "znode=/f\nrun_on_load=false\nretries=2\nretry_delay=0.05\n" + failing(99));
            zk.startTwitcher();
            zk.poke("/f", "1");
            await().until(() -> !log.containing("failed 3 time(s); the watch waits for the next update").isEmpty());
            assertEquals(List.of("1", "1", "1"), zk.lines("attempts"));
            // keep_watching: the next update runs (and is retried) again.
            zk.poke("/f", "2");
            await().until(() -> zk.lines("attempts").equals(List.of("1", "1", "1", "2", "2", "2")));
        }
    }

    @Test
    void aNewerUpdateCancelsPendingRetriesAndRunsWithTheNewerData() throws Exception {
        try (LogCapture log = new LogCapture()) {
            // The first retry would come 60 s later: the newer update must not wait for it.
            zk.writeConfig("r.properties", "znode=/f\nrun_on_load=false\nretries=5\nretry_delay=60\n" + failing(1));
            zk.startTwitcher();
            zk.poke("/f", "1");
            await().until(() -> !log.containing("trying again in").isEmpty());
            zk.poke("/f", "2");
            await().atMost(Duration.ofSeconds(20)).until(() -> zk.lines("attempts").equals(List.of("1", "2")));
            await().until(() -> !log.containing("retries cancelled").isEmpty());
        }
    }

    @Test
    void stopWatchingIsLiftedBySighupAndByALoadOfTheFile() throws Exception {
        try (LogCapture log = new LogCapture()) {
            String config = "znode=/f\nrun_on_load=false\non_failure=stop_watching\ncommand=echo \"$(cat)\" >> "
                    + zk.file("attempts") + "; exit 3\n";
            zk.writeConfig("s.properties", config);
            Twitcher t = zk.startTwitcher();
            zk.poke("/f", "1");
            await().until(() -> !log.containing("on_failure=stop_watching: the watch on /f stops").isEmpty());
            zk.poke("/f", "2");
            await().until(() -> zk.lines("sentinel").equals(List.of("1", "2")));
            assertEquals(List.of("1"), zk.lines("attempts"));

            t.reload(); // what SIGHUP does
            await().until(() -> !log.containing("watches again").isEmpty());
            zk.poke("/f", "3");
            await().until(() -> zk.lines("attempts").equals(List.of("1", "3")));

            // Stopped again by that failure; an edit of its file starts it again too.
            await().until(() -> log.containing("on_failure=stop_watching: the watch on /f stops").size() == 2);
            zk.writeConfig("s.properties", "# edited\n" + config);
            await().until(() -> log.containing("s.properties: 1 watch(es) active (0 unchanged, 1 started, 1 stopped)")
                    .size() == 1);
            zk.poke("/f", "4");
            await().until(() -> zk.lines("attempts").equals(List.of("1", "3", "4")));
        }
    }
}
