package io.twitcher.runtime.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.twitcher.runtime.testing.LogCapture;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An action that throws an {@link Error} is logged and its watch keeps working, in every run mode. */
class ActionErrorsIT {
    @TempDir
    Path dir;
    private ZkFixture zk;

    @BeforeEach
    void start() throws Exception {
        zk = new ZkFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
    }

    private String erroring(String mode) {
        return "znode=/e\nrun_on_load=false\nrun_mode=" + mode + "\naction=probe\nprobe.outcome=error\nprobe.file="
                + zk.file("runs") + "\n";
    }

    @Test
    void queueWatchRunsAgainAfterItsActionThrewAnError() throws Exception {
        try (LogCapture log = new LogCapture()) {
            zk.poke("/e", "0");
            zk.writeConfig("e.properties", erroring("QUEUE"));
            zk.startTwitcher();
            zk.poke("/e", "1");
            await().until(() -> zk.lines("runs").equals(List.of("changed 1")));
            zk.poke("/e", "2");
            await().until(() -> zk.lines("runs").equals(List.of("changed 1", "changed 2")));
            await().until(() -> log.containing("probe error as asked").size() == 2);
        }
    }

    @Test
    void parallelErrorsDoNotEatTheSlotsOfTheCap() throws Exception {
        try (LogCapture log = new LogCapture()) {
            zk.poke("/e", "0");
            zk.writeConfig("e.properties", erroring("PARALLEL"));
            zk.startTwitcher(b -> b.parallelCap(1));
            for (int i = 1; i <= 3; i++) {
                String value = Integer.toString(i);
                zk.poke("/e", value);
                await().until(() -> zk.lines("runs").contains("changed " + value));
            }
            assertFalse(log.containing("probe error as asked").isEmpty());
        }
    }

    @Test
    void discardWatchRunsAgainAfterItsActionThrewAnError() throws Exception {
        zk.poke("/e", "0");
        zk.writeConfig("e.properties", erroring("DISCARD"));
        zk.startTwitcher();
        zk.poke("/e", "1");
        await().until(() -> zk.lines("runs").equals(List.of("changed 1")));
        zk.poke("/e", "2");
        await().atMost(Duration.ofSeconds(10)).until(() -> zk.lines("runs").equals(List.of("changed 1", "changed 2")));
    }
}
