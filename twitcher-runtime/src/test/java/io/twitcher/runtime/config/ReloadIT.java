package io.twitcher.runtime.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.daemon.Twitcher;
import io.twitcher.runtime.testing.LogCapture;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload through the file system's notifications: edits, broken files, fixes and deletions, with a sentinel
 * watch on the same node to prove what did NOT run (when the sentinel has run for an update, every watch has).
 */
class ReloadIT {
    @TempDir
    Path dir;
    private ZkFixture zk;
    private Twitcher twitcher;

    @BeforeEach
    void start() throws Exception {
        zk = new ZkFixture(dir);
        zk.poke("/app", "0");
        zk.writeConfig("sentinel.properties", "znode=/app\nrun_on_load=false\ndescription=sentinel\ncommand=cat >> "
                + zk.file("sentinel") + "; echo >> " + zk.file("sentinel"));
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
    }

    private String action(String tag) {
        return "znode=/app\nrun_on_load=false\ncommand=echo " + tag + "-$(cat) >> " + zk.file("runs") + "\n";
    }

    /** Pokes /app and waits until the sentinel has run for it. */
    private void pokeAndSettle(String data) throws Exception {
        zk.poke("/app", data);
        await().until(() -> zk.lines("sentinel").contains(data));
    }

    @Test
    void editBreakFixDeleteNeverLeavesAGhost() throws Exception {
        zk.writeConfig("app.properties", action("v1"));
        try (LogCapture log = new LogCapture()) {
            twitcher = zk.startTwitcher();
            pokeAndSettle("1");
            await().until(() -> zk.lines("runs").equals(List.of("v1-1")));

            zk.writeConfig("app.properties", action("v2"));
            await().until(() -> !log.containing("Loading configuration from " + zk.configDir().resolve("app.properties"))
                    .isEmpty() && log.containing("app.properties: 1 watch(es) active (0 unchanged, 1 started, 1 stopped)")
                    .size() == 1);
            pokeAndSettle("2");
            await().until(() -> zk.lines("runs").equals(List.of("v1-1", "v2-2")));

            zk.writeConfig("app.properties", action("v3") + "run_mode=SOMETIMES\n");
            await().until(() -> !log.containing("Exception processing").isEmpty());
            String error = log.containing("Exception processing").get(0);
            assertEquals("Exception processing " + zk.configDir().resolve("app.properties") + ": "
                    + zk.configDir().resolve("app.properties") + ":4: run_mode must be QUEUE, DISCARD or PARALLEL"
                    + " (its previous version stays active)", error);
            pokeAndSettle("3");
            await().until(() -> zk.lines("runs").equals(List.of("v1-1", "v2-2", "v2-3")));

            zk.writeConfig("app.properties", action("v4"));
            await().until(() -> log.containing("1 watch(es) active (0 unchanged, 1 started, 1 stopped)").size() == 2);
            pokeAndSettle("4");
            await().until(() -> zk.lines("runs").equals(List.of("v1-1", "v2-2", "v2-3", "v4-4")));

            Files.delete(zk.configDir().resolve("app.properties"));
            await().until(() -> !log.containing("was removed; its watches stop").isEmpty());
            pokeAndSettle("5");
            pokeAndSettle("6");
            // A ghost would have started with the sentinel: wait until every run that started has ended.
            await().until(() -> log.containing("Executing process:").size() == log.containing("Run of \"").size());
            assertEquals(List.of("v1-1", "v2-2", "v2-3", "v4-4"), zk.lines("runs"));
            assertEquals(1, twitcher.watchCount());
        }
    }

    @Test
    void anUnchangedWatchKeepsRunningAndIsNotRunAgain() throws Exception {
        zk.writeConfig("two.properties", "a.znode=/app\na.command=echo a-$TWITCHER_EVENT >> " + zk.file("a")
                + "\nb.znode=/app\nb.command=echo b1-$TWITCHER_EVENT >> " + zk.file("b") + "\n");
        try (LogCapture log = new LogCapture()) {
            zk.startTwitcher();
            await().until(() -> zk.lines("a").equals(List.of("a-load")) && zk.lines("b").equals(List.of("b1-load")));
            zk.writeConfig("two.properties", "a.znode=/app\na.command=echo a-$TWITCHER_EVENT >> " + zk.file("a")
                    + "\n\n# b changed\nb.znode=/app\nb.command=echo b2-$TWITCHER_EVENT >> " + zk.file("b") + "\n");
            await().until(() -> zk.lines("b").equals(List.of("b1-load", "b2-load")));
            assertTrue(log.containing("(1 unchanged, 1 started, 1 stopped)").size() == 1, log.messages().toString());
            pokeAndSettle("x");
            await().until(() -> zk.lines("b").equals(List.of("b1-load", "b2-load", "b2-changed")));
            assertEquals(List.of("a-load", "a-changed"), zk.lines("a"));
        }
    }

    @Test
    void hiddenFilesAndDirectoriesAndUnclaimedSuffixesAreSkipped() throws Exception {
        zk.writeConfig(".#app.properties", action("lock"));
        zk.writeConfig(".git/app.properties", action("git"));
        zk.writeConfig("notes.txt", action("txt"));
        zk.writeConfig("sub/dir/app.properties", action("nested"));
        twitcher = zk.startTwitcher();
        pokeAndSettle("1");
        await().until(() -> zk.lines("runs").equals(List.of("nested-1")));
        assertEquals(2, twitcher.watchCount());
    }

    @Test
    void aFileAddedInANewDirectoryIsLoadedAndSighupRescans() throws Exception {
        twitcher = zk.startTwitcher();
        zk.writeConfig("new/dir/app.properties", action("new"));
        await().until(() -> twitcher.watchCount() == 2);
        pokeAndSettle("1");
        await().until(() -> zk.lines("runs").equals(List.of("new-1")));
        twitcher.reload();
        pokeAndSettle("2");
        await().until(() -> zk.lines("runs").equals(List.of("new-1", "new-2")));
    }
}
