package io.twitcher.runtime.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.twitcher.runtime.daemon.Twitcher;
import io.twitcher.runtime.testing.LogCapture;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config files that cannot be read, that fail for a while, that live behind links or in swapped directories. */
class ConfigFilesIT {
    @TempDir
    Path dir;
    private ZkFixture zk;

    @BeforeEach
    void start() throws Exception {
        zk = new ZkFixture(dir);
        zk.poke("/n", "v");
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
    }

    private String probe(String out) {
        return "znode=/n\naction=probe\nprobe.file=" + zk.file(out) + "\n";
    }

    @Test
    void aDanglingLinkIsNamedInTheLog() throws Exception {
        try (LogCapture log = new LogCapture()) {
            Files.createSymbolicLink(zk.configDir().resolve("gone.properties"), dir.resolve("nowhere.properties"));
            Files.createSymbolicLink(zk.configDir().resolve("gone.d"), dir.resolve("nowhere.d"));
            zk.writeConfig("ok.properties", probe("runs"));
            zk.startTwitcher();
            await().until(() -> zk.lines("runs").equals(List.of("load v")));
            assertFalse(log.containing("gone.properties").isEmpty(), "no line names the dangling link");
            assertFalse(log.containing("gone.d").isEmpty(), "no line names the dangling directory link");
        }
    }

    @Test
    void sighupLoadsAgainAFileThatFailed() throws Exception {
        try (LogCapture log = new LogCapture()) {
            Path ready = dir.resolve("ready");
            zk.writeConfig("late.properties", probe("runs") + "probe.requires=" + ready + "\n");
            Twitcher t = zk.startTwitcher();
            await().until(() -> !log.containing("does not exist").isEmpty());
            Files.writeString(ready, "yes");
            t.reload(); // what SIGHUP does
            await().atMost(Duration.ofSeconds(20)).until(() -> zk.lines("runs").equals(List.of("load v")));
        }
    }

    @Test
    void anEditOfALinkedFilesTargetIsPickedUp() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path target = elsewhere.resolve("t.properties");
        Files.writeString(target, probe("runs1"));
        Files.createSymbolicLink(zk.configDir().resolve("t.properties"), target);
        zk.startTwitcher();
        await().until(() -> zk.lines("runs1").equals(List.of("load v")));
        Files.writeString(target, probe("runs2"));
        await().atMost(Duration.ofSeconds(20)).until(() -> zk.lines("runs2").equals(List.of("load v")));
    }

    @Test
    void editsAreSeenInADirectorySwappedIn() throws Exception {
        zk.writeConfig("conf.d/a.properties", probe("runs1"));
        zk.startTwitcher();
        await().until(() -> zk.lines("runs1").equals(List.of("load v")));
        Path fresh = Files.createDirectories(dir.resolve("fresh"));
        Files.writeString(fresh.resolve("a.properties"), probe("runs2"));
        Files.move(zk.configDir().resolve("conf.d"), dir.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(fresh, zk.configDir().resolve("conf.d"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(20)).until(() -> zk.lines("runs2").equals(List.of("load v")));
        zk.writeConfig("conf.d/a.properties", probe("runs3"));
        await().atMost(Duration.ofSeconds(20)).until(() -> zk.lines("runs3").equals(List.of("load v")));
    }
}
