package io.twitcher.runtime.compat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.testing.LogCapture;
import io.twitcher.runtime.testing.PluginArchives;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compatibility promise: the original's .twc files, dropped into a config directory, load through the real
 * Jython plugin archive and behave as the original's README says, against a real ZooKeeper and real processes.
 */
class TwcCompatibilityIT {
    private static final Path CORPUS = Path.of(System.getProperty("twitcher.test.corpus"));
    private static final Path EXAMPLE_OUT = Path.of("/tmp/twitcher_example.output");
    private static final Path EXAMPLE1_OUT = Path.of("/tmp/twitcher_example1.out");
    private static final Path EXAMPLE2_OUT = Path.of("/tmp/twitcher_example2.out");

    @TempDir
    Path dir;

    private Path plugins;

    private Path plugins() {
        return plugins;
    }

    @BeforeEach
    void clean() throws Exception {
        plugins = PluginArchives.only(dir, "action-exec", "config-jython");
        for (Path p : List.of(EXAMPLE_OUT, EXAMPLE1_OUT, EXAMPLE2_OUT, Path.of("/tmp/twitcher_badexample.out"))) {
            Files.deleteIfExists(p);
        }
    }

    @Test
    void theOriginalsConfigsRunUnchanged() throws Exception {
        try (ZkFixture zk = new ZkFixture(dir);
                LogCapture log = new LogCapture();
                Stream<Path> corpus = Files.list(CORPUS)) {
            for (Path twc : (Iterable<Path>) corpus.filter(p -> p.toString().endsWith(".twc"))::iterator) {
                Files.copy(twc, zk.configDir().resolve(twc.getFileName()));
            }
            var t = zk.startTwitcher(b -> b.pluginsDir(plugins()));
            assertEquals(4, t.watchCount());

            // original-example.twc: a multi-line shell script; the data lands between START and END.
            zk.poke("/brady/test", "payload from zookeeper\n");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> Files.exists(EXAMPLE_OUT)
                            && Files.readAllLines(EXAMPLE_OUT).contains("END"));
            List<String> out = Files.readAllLines(EXAMPLE_OUT);
            assertEquals(List.of("START", "payload from zookeeper", "END"), out.subList(1, 4));

            // readme-example1.twc: Exec appends the date on every change.
            zk.poke("/twitcher/example1", "a");
            await().until(() -> Files.exists(EXAMPLE1_OUT)
                    && Files.readAllLines(EXAMPLE1_OUT).size() == 1);
            zk.poke("/twitcher/example1", "b");
            await().until(() -> Files.readAllLines(EXAMPLE1_OUT).size() == 2);

            // readme-example2.twc: a Python function writes 'testing'.
            zk.poke("/twitcher/example2", "x");
            await().until(() ->
                    Files.exists(EXAMPLE2_OUT) && Files.readString(EXAMPLE2_OUT).equals("testing"));

            // readme-doesnotwork.twc: the function raises TypeError, logged with file and line; the watch stays
            // armed and nothing else is affected.
            zk.poke("/twitcher/doesnotwork", "1");
            await().until(() -> log.containing("TypeError").size() == 1);
            zk.poke("/twitcher/doesnotwork", "2");
            await().until(() -> log.containing("TypeError").size() == 2);
            String error = log.containing("TypeError").get(0);
            assertTrue(error.contains("readme-doesnotwork.twc\", line 5"), error);
            zk.poke("/twitcher/example1", "c");
            await().until(() -> Files.readAllLines(EXAMPLE1_OUT).size() == 3);
        }
    }

    @Test
    void twcWatchesUseEveryFeatureAgainstTheRealDaemon() throws Exception {
        try (ZkFixture zk = new ZkFixture(dir);
                LogCapture log = new LogCapture()) {
            zk.poke("/f/data", "hello");
            zk.writeConfig(
                    "features.twc",
                    String.join(
                            "\n",
                            "import os, sys, signal",
                            "seen = []",
                            "def remember():",
                            "    seen.append(sys.stdin.read())",
                            "    open('" + zk.file("function") + "', 'w').write(','.join(seen))",
                            "RegisterWatch('/f/data', remember)",
                            "RegisterWatch(znode='/f/data', action=Exec(['id', '-u']), uid='nobody', description='as-nobody')",
                            "RegisterWatch(znode='/f/data', action=Exec('cat >> " + zk.file("stdin")
                                    + "'), pipe_stdin=True,",
                            "              run_mode=DISCARD, notify_signal=signal.SIGHUP, timeout=30)",
                            "RegisterWatch(znode='/f', action=Exec('cat > " + zk.file("children") + "'),",
                            "              watch_type=WATCH_CHILDREN, run_mode=PARALLEL)",
                            ""));
            zk.startTwitcher(b -> b.pluginsDir(plugins()));
            await().until(() -> zk.lines("function").equals(List.of("hello")));
            await().until(() -> zk.lines("stdin").equals(List.of("hello")));
            await().until(() -> zk.lines("children").equals(List.of("data")));
            await().until(() ->
                    log.messages().stream().anyMatch(m -> m.contains("as-nobody") && m.endsWith("stdout: 65534")));
            zk.poke("/f/data", "again");
            // State kept by a function persists between runs: the daemon runs it in-process.
            await().until(() -> zk.lines("function").equals(List.of("hello,again")));
        }
    }

    @Test
    void aBrokenEditKeepsThePreviousVersionRunning() throws Exception {
        try (ZkFixture zk = new ZkFixture(dir);
                LogCapture log = new LogCapture()) {
            zk.writeConfig(
                    "deploy.twc",
                    "RegisterWatch(znode='/d', run_on_load=False,\n" + "              action=Exec('echo v1 >> "
                            + zk.file("runs") + "'))\n");
            zk.startTwitcher(b -> b.pluginsDir(plugins()));
            zk.writeConfig(
                    "deploy.twc",
                    "RegisterWatch(znode='/d', run_on_load=False,\n" + "              action=Exec('echo v2 >> "
                            + zk.file("runs") + "'), run_mode=7)\n");
            await().until(() -> !log.containing("Exception processing").isEmpty());
            String name = zk.configDir().resolve("deploy.twc").toString();
            assertEquals(
                    "Exception processing " + name + ": " + name
                            + ":1: RegisterWatch: run_mode must be QUEUE, DISCARD or PARALLEL (its previous version stays active)",
                    log.containing("Exception processing").get(0));
            zk.poke("/d", "x");
            await().until(() -> zk.lines("runs").equals(List.of("v1")));
        }
    }
}
