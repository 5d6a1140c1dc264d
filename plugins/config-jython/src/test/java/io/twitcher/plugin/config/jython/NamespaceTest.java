package io.twitcher.plugin.config.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ConfigException;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.testing.FixedRunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each file runs in its own fresh module namespace, with the Python standard library at hand. */
class NamespaceTest {
    private static final TwcConfigLoader LOADER = new TwcConfigLoader();

    @AfterAll
    static void closeLoader() {
        LOADER.close();
    }

    @Test
    void aNameDefinedInOneFileIsNotVisibleInAnother() throws Exception {
        Twc.load(LOADER, "a.twc", "shared = '/from/a'\nRegisterWatch(znode=shared, action=Exec('true'))");
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> Twc.load(LOADER, "b.twc", "RegisterWatch(znode=shared, action=Exec('true'))"));
        assertEquals("conf/b.twc:1: NameError: name 'shared' is not defined", e.getMessage());
    }

    @Test
    void reloadingAFileStartsFromAFreshNamespace() throws Exception {
        String source = "try:\n    runs += 1\nexcept NameError:\n    runs = 1\n"
                + "RegisterWatch(znode='/runs/%d' % runs, action=Exec('true'))";
        assertEquals("/runs/1", Twc.load(LOADER, "fresh.twc", source).get(0).znode());
        assertEquals("/runs/1", Twc.load(LOADER, "fresh.twc", source).get(0).znode());
    }

    @Test
    void topLevelImportsAreVisibleInsideTheFilesFunctions(@TempDir Path dir) throws Exception {
        WatchDefinition w = Twc.load(
                        LOADER,
                        "imports.twc",
                        String.join(
                                "\n",
                                "import os",
                                "from os.path import join",
                                "def write():",
                                "    open(join(" + TwcConfigLoaderTest.pyStr(dir)
                                        + ", 'pid'), 'w').write(str(os.getpid()))",
                                "RegisterWatch(znode='/i', action=write)"))
                .get(0);

        assertTrue(w.action().inline().run(FixedRunContext.of("")).success());

        assertEquals(String.valueOf(ProcessHandle.current().pid()), Files.readString(dir.resolve("pid")));
    }

    @Test
    void theStandardLibraryImportsAndWorks() throws Exception {
        List<WatchDefinition> watches = Twc.load(
                LOADER,
                "stdlib.twc",
                String.join(
                        "\n",
                        "import os, subprocess, socket, json, signal, re, time",
                        "out = subprocess.Popen(['echo', 'from a child'], stdout=subprocess.PIPE).communicate()[0]",
                        "RegisterWatch(znode='/child', action=Exec('true'), description=out.strip())",
                        "RegisterWatch(znode='/json', action=Exec('true'), description=json.dumps({'a': [1, 2]}))",
                        "RegisterWatch(znode='/host', action=Exec('true'), description=socket.gethostname())",
                        "RegisterWatch(znode='/env', action=Exec('true'), description=os.environ.get('PATH', 'none'))",
                        "RegisterWatch(znode='/sig', action=Exec('true'), notify_signal=signal.SIGHUP)"));
        assertEquals("from a child", watches.get(0).description());
        assertEquals("{\"a\": [1, 2]}", watches.get(1).description());
        assertEquals(
                java.net.InetAddress.getLocalHost().getHostName(),
                watches.get(2).description());
        assertEquals(
                System.getenv().getOrDefault("PATH", "none"), watches.get(3).description());
        assertEquals(1, watches.get(4).notifySignal());
    }

    @Test
    void dunderFileIsTheConfigsPath() throws Exception {
        WatchDefinition w = Twc.load(
                        LOADER,
                        "dir/self.twc",
                        "import os\nRegisterWatch(znode='/f', action=Exec('true'), description=os.path.basename(__file__))")
                .get(0);
        assertEquals("self.twc", w.description());
    }

    @Test
    void registerWatchCalledByARunningActionFailsThatRunOnly() throws Exception {
        WatchDefinition w = Twc.load(
                        LOADER,
                        "late.twc",
                        "def late():\n    RegisterWatch(znode='/late', action=Exec('true'))\n"
                                + "RegisterWatch(znode='/l', action=late)")
                .get(0);
        PythonActionException e = assertThrows(
                PythonActionException.class, () -> w.action().inline().run(FixedRunContext.of("")));
        assertTrue(e.getMessage().contains("File \"conf/late.twc\", line 2, in late"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .endsWith("TypeError: RegisterWatch can only be called while the file loads, not"
                                + " from an action"),
                e.getMessage());
    }
}
