package io.twitcher.plugin.config.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.RunMode;
import io.twitcher.api.RunResult;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.WatchType;
import io.twitcher.api.testing.FixedRunContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compatibility corpus loads into the right watches, and function actions run as the contract says. */
class TwcConfigLoaderTest {
    private static final TwcConfigLoader LOADER = new TwcConfigLoader();

    @AfterAll
    static void closeLoader() {
        LOADER.close();
    }

    private static List<WatchDefinition> corpus(String name) throws Exception {
        try (InputStream in = TwcConfigLoaderTest.class.getResourceAsStream("/corpus/" + name)) {
            return LOADER.load(new ConfigFile(Path.of("/etc/twitcher", name), "conf/" + name, in.readAllBytes()));
        }
    }

    @Test
    void claimsTheTwcSuffix() {
        assertEquals(Set.of(".twc"), LOADER.suffixes());
    }

    @Test
    void originalExampleIsOneShellScriptWatchWithTheOriginalsDefaults() throws Exception {
        List<WatchDefinition> watches = corpus("original-example.twc");
        assertEquals(1, watches.size());
        WatchDefinition w = watches.get(0);
        assertEquals("/brady/test", w.znode());
        assertEquals(
                ActionSpec.of(
                        "exec",
                        Map.of(
                                "command",
                                String.join(
                                        "\n",
                                        "date > /tmp/twitcher_example.output",
                                        "echo START >> /tmp/twitcher_example.output",
                                        "cat >> /tmp/twitcher_example.output",
                                        "echo END >> /tmp/twitcher_example.output",
                                        "sleep 5 >> /tmp/twitcher_example.output"))),
                w.action());
        assertTrue(w.pipeStdin());
        assertTrue(w.runOnLoad());
        assertEquals(RunMode.QUEUE, w.runMode());
        assertEquals(WatchType.DATA, w.watchType());
        assertEquals("conf/original-example.twc-1", w.description());
        assertEquals("conf/original-example.twc:2", w.origin());
        assertNull(w.user());
        assertNull(w.group());
        assertEquals(0, w.notifySignal());
        assertNull(w.timeout());
    }

    @Test
    void readmeExample1IsAShellCommand() throws Exception {
        WatchDefinition w = corpus("readme-example1.twc").get(0);
        assertEquals("/twitcher/example1", w.znode());
        assertEquals(ActionSpec.shell("date >> /tmp/twitcher_example1.out"), w.action());
        assertEquals("conf/readme-example1.twc-1", w.description());
    }

    @Test
    void readmeExample2RunsItsFunctionInProcess() throws Exception {
        Path out = Path.of("/tmp/twitcher_example2.out");
        Files.deleteIfExists(out);
        WatchDefinition w = corpus("readme-example2.twc").get(0);
        assertEquals("/twitcher/example2", w.znode());
        assertTrue(w.action().isInline());
        assertEquals("python", w.action().type());
        assertFalse(w.action().inline().runsProcess());

        RunResult result = w.action().inline().run(FixedRunContext.of("ignored"));

        assertTrue(result.success());
        assertEquals("testing", Files.readString(out));
    }

    @Test
    void readmeDoesNotWorkFailsEachRunWithItsTracebackAndStaysUsable() throws Exception {
        WatchDefinition w = corpus("readme-doesnotwork.twc").get(0);
        assertEquals("/twitcher/doesnotwork", w.znode());
        for (int run = 1; run <= 2; run++) {
            PythonActionException e = assertThrows(
                    PythonActionException.class, () -> w.action().inline().run(FixedRunContext.of("")));
            assertTrue(
                    e.getMessage().contains("File \"conf/readme-doesnotwork.twc\", line 5, in doesnotwork"),
                    e.getMessage());
            assertTrue(
                    e.getMessage().endsWith("TypeError: expected a string or character buffer, not int"),
                    e.getMessage());
        }
    }

    @Test
    void functionReadsTheZnodeDataOnSysStdinAsAFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("seen");
        List<WatchDefinition> watches = Twc.load(
                LOADER,
                "stdin.twc",
                String.join(
                        "\n",
                        "import sys",
                        "def whole():",
                        "    open(" + pyStr(out) + ", 'w').write(sys.stdin.read())",
                        "def lines():",
                        "    open(" + pyStr(out) + ", 'w').write('|'.join(line.strip() for line in sys.stdin))",
                        "def prompt():",
                        "    open(" + pyStr(out) + ", 'w').write(raw_input())",
                        "for f in (whole, lines, prompt):",
                        "    RegisterWatch(znode='/s', action=f)"));

        watches.get(0).action().inline().run(FixedRunContext.of("line one\nline two"));
        assertEquals("line one\nline two", Files.readString(out));
        watches.get(1).action().inline().run(FixedRunContext.of("line one\nline two\n"));
        assertEquals("line one|line two", Files.readString(out));
        watches.get(2).action().inline().run(FixedRunContext.of("first\nsecond\n"));
        assertEquals("first", Files.readString(out));
    }

    @Test
    void functionSeesEmptyStdinWhenTheWatchDoesNotPipeIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("seen");
        WatchDefinition w = Twc.load(
                        LOADER,
                        "nopipe.twc",
                        String.join(
                                "\n",
                                "import sys",
                                "def f():",
                                "    open(" + pyStr(out) + ", 'w').write('[' + sys.stdin.read() + ']')",
                                "RegisterWatch(znode='/s', action=f, pipe_stdin=False)"))
                .get(0);

        w.action().inline().run(FixedRunContext.of("secret").withZnode("/s").withPipeStdin(false));

        assertEquals("[]", Files.readString(out));
    }

    @Test
    void concurrentRunsEachReadTheirOwnData(@TempDir Path dir) throws Exception {
        int runs = 6;
        WatchDefinition w = Twc.load(
                        LOADER,
                        "parallel.twc",
                        String.join(
                                "\n",
                                "import sys",
                                "from java.util.concurrent import CyclicBarrier, TimeUnit",
                                "barrier = CyclicBarrier(" + runs + ")",
                                "def f():",
                                "    head = sys.stdin.read(3)",
                                "    barrier.await(20, TimeUnit.SECONDS)  # every run is now half way through its stdin",
                                "    data = head + sys.stdin.read()",
                                "    open(" + pyStr(dir) + " + '/' + data[:3], 'w').write(data)",
                                "RegisterWatch(znode='/p', action=f, run_mode=PARALLEL)"))
                .get(0);
        ExecutorService pool = Executors.newFixedThreadPool(runs, r -> new Thread(r, "twitcher-watch-parallel"));
        try {
            List<Future<RunResult>> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String data = "r" + i + "-" + "payload of run " + i;
                results.add(pool.submit(() -> w.action().inline().run(FixedRunContext.of(data))));
            }
            for (Future<RunResult> r : results) {
                assertTrue(r.get(30, TimeUnit.SECONDS).success());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < runs; i++) {
            assertEquals("r" + i + "-payload of run " + i, Files.readString(dir.resolve("r" + i + "-")));
        }
    }

    @Test
    void functionStatePersistsBetweenRuns(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("count");
        WatchDefinition w = Twc.load(
                        LOADER,
                        "count.twc",
                        String.join(
                                "\n",
                                "x = 0",
                                "def count():",
                                "    global x",
                                "    x += 1",
                                "    open(" + pyStr(out) + ", 'w').write(str(x))",
                                "RegisterWatch(znode='/c', action=count)"))
                .get(0);
        for (int i = 0; i < 3; i++) {
            w.action().inline().run(FixedRunContext.of(""));
        }
        assertEquals("3", Files.readString(out));
    }

    @Test
    void aLoaderThatWasClosedRefusesToLoad() {
        TwcConfigLoader loader = new TwcConfigLoader();
        loader.close();
        loader.close();
        assertThrows(IllegalStateException.class, () -> Twc.load(loader, "late.twc", ""));
    }

    static String pyStr(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
