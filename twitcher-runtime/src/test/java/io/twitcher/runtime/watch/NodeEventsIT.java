package io.twitcher.runtime.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.testing.LogCapture;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What starts a run and what the action is given, against a real ZooKeeper and real shell actions. */
class NodeEventsIT {
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

    /** A shell action that records "event version data" per run in {@code out}. */
    private String recorder(String out) {
        return "echo \"$TWITCHER_EVENT $TWITCHER_VERSION $(cat) $TWITCHER_ZNODE $TWITCHER_DESCRIPTION\" >> "
                + zk.file(out);
    }

    @Test
    void runsOnLoadWithTheDataAndTheTwitcherVariables() throws Exception {
        zk.poke("/app/config", "v1");
        zk.writeConfig(
                "a.properties",
                "znode=/app/config\ndescription=app\ncommand=" + recorder("runs") + "; pwd >> " + zk.file("cwd"));
        zk.startTwitcher();
        await().until(() -> zk.lines("runs").size() == 1);
        assertEquals("load 0 v1 /app/config app", zk.lines("runs").get(0));
        await().until(() -> zk.lines("cwd").equals(List.of("/")));
        zk.poke("/app/config", "v2");
        await().until(() -> zk.lines("runs").size() == 2);
        assertEquals("changed 1 v2 /app/config app", zk.lines("runs").get(1));
    }

    @Test
    void aWatchOnAMissingNodeFiresWhenItIsCreatedButNotWhenDeleted() throws Exception {
        zk.writeConfig("a.properties", "znode=/later/node\ncommand=" + recorder("runs"));
        zk.writeConfig(
                "sentinel.properties", "znode=/sentinel\nrun_on_load=false\ncommand=echo s >> " + zk.file("sentinel"));
        zk.startTwitcher();
        zk.poke("/later/node", "born");
        await().until(() -> zk.lines("runs").size() == 1);
        assertTrue(
                zk.lines("runs").get(0).startsWith("created 0 born"),
                zk.lines("runs").toString());
        zk.client().delete().forPath("/later/node");
        zk.poke("/sentinel", "after delete");
        await().until(() -> zk.lines("sentinel").size() == 1);
        zk.poke("/later/node", "again");
        await().until(() -> zk.lines("runs").size() == 2);
        assertTrue(
                zk.lines("runs").get(1).startsWith("created 0 again"),
                zk.lines("runs").toString());
    }

    @Test
    void nullDataGivesEmptyStdin() throws Exception {
        zk.poke("/nulls", (byte[]) null);
        zk.writeConfig("a.properties", "znode=/nulls\ncommand=printf '[%s]' \"$(cat)\" >> " + zk.file("runs"));
        zk.startTwitcher();
        await().until(() -> zk.lines("runs").equals(List.of("[]")));
    }

    @Test
    void pipeStdinFalseGivesEmptyStdinAndRunsOnce() throws Exception {
        zk.poke("/quiet", "secret");
        zk.writeConfig(
                "a.properties", "znode=/quiet\npipe_stdin=false\ncommand=echo \"[$(cat)]\" >> " + zk.file("runs"));
        zk.writeConfig(
                "sentinel.properties", "znode=/quiet\ndescription=sentinel\ncommand=echo s >> " + zk.file("sentinel"));
        zk.startTwitcher();
        await().until(() -> zk.lines("sentinel").size() == 1 && zk.lines("runs").size() == 1);
        zk.poke("/quiet", "secret2");
        await().until(() -> zk.lines("sentinel").size() == 2 && zk.lines("runs").size() == 2);
        assertEquals(List.of("[]", "[]"), zk.lines("runs"));
    }

    @Test
    void childrenWatchSeesSortedNamesWhenTheSetChanges() throws Exception {
        zk.poke("/hosts", "");
        zk.poke("/hosts/b", "");
        zk.writeConfig(
                "a.properties",
                "znode=/hosts\nwatch_type=CHILDREN\ncommand=echo \"$TWITCHER_EVENT:$(cat | tr '\\n' ',')\" >> "
                        + zk.file("runs"));
        zk.startTwitcher();
        await().until(() -> zk.lines("runs").equals(List.of("load:b")));
        zk.poke("/hosts/a", "");
        await().until(() -> zk.lines("runs").size() == 2);
        assertEquals("children:a,b", zk.lines("runs").get(1));
        zk.poke("/hosts/a", "data change is not a children change");
        zk.client().delete().forPath("/hosts/b");
        await().until(() -> zk.lines("runs").size() == 3);
        assertEquals("children:a", zk.lines("runs").get(2));
    }

    @Test
    void watchesOnOneNodeShareOneZooKeeperWatch() throws Exception {
        zk.poke("/shared", "x");
        StringBuilder cfg = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            cfg.append("w")
                    .append(i)
                    .append(".znode=/shared\nw")
                    .append(i)
                    .append(".command=echo ")
                    .append(i)
                    .append(" >> ")
                    .append(zk.file("runs"))
                    .append('\n');
        }
        zk.writeConfig("a.properties", cfg.toString());
        var t = zk.startTwitcher();
        await().until(() -> zk.lines("runs").size() == 5);
        assertEquals(5, t.watchCount());
        assertEquals(1, t.zkWatchCount());
    }

    @Test
    void oneMebibyteToAnActionThatNeverReadsStdinDoesNotBlockTheDaemon() throws Exception {
        byte[] big = new byte[1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');
        zk.poke("/big", big);
        zk.writeConfig("a.properties", "znode=/big\ncommand=echo ignored >> " + zk.file("runs"));
        zk.writeConfig("b.properties", "znode=/big\ndescription=reader\ncommand=wc -c >> " + zk.file("count"));
        try (LogCapture log = new LogCapture()) {
            zk.startTwitcher();
            await().until(() ->
                    zk.lines("runs").size() == 1 && zk.lines("count").size() == 1);
            assertEquals("1048576", zk.lines("count").get(0).trim());
            zk.poke("/big", "small");
            await().until(() -> zk.lines("runs").size() == 2);
            await().until(() -> log.containing("exited with code 0").size() >= 3);
        }
    }

    @Test
    void actionOutputIsLoggedWithItsDescription() throws Exception {
        zk.poke("/talk", "hello");
        zk.writeConfig(
                "a.properties", "znode=/talk\ndescription=talker\ncommand=echo out-$(cat); echo err-line >&2; exit 3");
        try (LogCapture log = new LogCapture()) {
            zk.startTwitcher();
            await().until(() -> !log.containing("talker").isEmpty()
                    && !log.containing("exited with code 3").isEmpty());
            assertTrue(
                    log.messages().stream().anyMatch(m -> m.contains("talker") && m.contains("out-hello")),
                    log.messages().toString());
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("talker") && m.contains("err-line")));
            assertTrue(log.messages().stream()
                    .anyMatch(m -> m.startsWith("Process \"talker\" (") && m.endsWith("exited with code 3")));
            assertTrue(log.messages().stream().anyMatch(m -> m.startsWith("Executing process: talker")));
        }
    }

    @Test
    void notifySignalReachesTheRunningActionOnTheFirstUpdate() throws Exception {
        zk.poke("/sig", "1");
        Path ready = dir.resolve("ready");
        zk.writeConfig(
                "a.properties",
                String.join(
                        "\n",
                        "znode=/sig",
                        "notify_signal=USR1",
                        "command=trap 'echo got-usr1 >> " + zk.file("signals") + "; exit 0' USR1; touch " + ready
                                + "; i=0; while [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done"));
        zk.startTwitcher();
        await().until(() -> Files.exists(ready));
        zk.poke("/sig", "2");
        await().atMost(Duration.ofSeconds(10)).until(() -> zk.lines("signals").equals(List.of("got-usr1")));
    }
}
