package io.twitcher.plugin.config.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.FleetControls;
import io.twitcher.api.RunMode;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.WatchType;
import io.twitcher.api.testing.FixedRunContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every RegisterWatch argument, and every action function, maps onto the watch definition as documented. */
class PythonRegisterWatchTest {
    private static final TwcConfigLoader LOADER = new TwcConfigLoader();

    @AfterAll
    static void closeLoader() {
        LOADER.close();
    }

    private static WatchDefinition one(String source) throws Exception {
        List<WatchDefinition> watches = Twc.load(LOADER, "args.twc", source);
        assertEquals(1, watches.size());
        return watches.get(0);
    }

    @Test
    void envIsADictOfNamesToStrings() throws Exception {
        WatchDefinition w = one("RegisterWatch(znode='/a', action=Exec('true'), env={'DEPLOY_TARGET': 'blue',"
                + " 'LANG': u'C.UTF-8'})");
        assertEquals(Map.of("DEPLOY_TARGET", "blue", "LANG", "C.UTF-8"), w.env());
        assertEquals(
                Map.of(),
                one("RegisterWatch(znode='/a', action=Exec('true'), env=None)").env());
    }

    @Test
    void everyKeywordArgumentIsApplied() throws Exception {
        WatchDefinition w = one(String.join(
                "\n",
                "import signal",
                "RegisterWatch(znode='/git/head', action=Exec(['git', 'pull']), pipe_stdin=False,",
                "    run_on_load=False, run_mode=DISCARD, description='deploy', uid='nobody', gid='nogroup',",
                "    watch_type=WATCH_CHILDREN, notify_signal=signal.SIGHUP, timeout=2.5)"));
        assertEquals("/git/head", w.znode());
        assertEquals(ActionSpec.of("exec", Map.of("argv", List.of("git", "pull"))), w.action());
        assertFalse(w.pipeStdin());
        assertFalse(w.runOnLoad());
        assertEquals(RunMode.DISCARD, w.runMode());
        assertEquals("deploy", w.description());
        assertEquals("nobody", w.user());
        assertEquals("nogroup", w.group());
        assertEquals(WatchType.CHILDREN, w.watchType());
        assertEquals(1, w.notifySignal());
        assertEquals(Duration.ofMillis(2500), w.timeout());
        assertEquals("conf/args.twc:2", w.origin());
    }

    @Test
    void positionalArgumentsFollowTheOriginalsOrder() throws Exception {
        WatchDefinition w = one("RegisterWatch('/p', Exec('true'), False, False, PARALLEL, 'pos', 1000, 1001,"
                + " WATCH_DATA, 15, 30)");
        assertEquals("/p", w.znode());
        assertFalse(w.pipeStdin());
        assertFalse(w.runOnLoad());
        assertEquals(RunMode.PARALLEL, w.runMode());
        assertEquals("pos", w.description());
        assertEquals("1000", w.user());
        assertEquals("1001", w.group());
        assertEquals(WatchType.DATA, w.watchType());
        assertEquals(15, w.notifySignal());
        assertEquals(Duration.ofSeconds(30), w.timeout());
    }

    @Test
    void fleetControlsAreRead() throws Exception {
        WatchDefinition w = one("RegisterWatch(znode='/git/head', action=Exec('git pull'), splay=30, debounce=2.5,"
                + " fleet_limit=10, fleet_path='/locks/git', run_on_load=IF_CHANGED)");
        assertEquals(
                new FleetControls(Duration.ofSeconds(30), Duration.ofMillis(2500), 10, "/locks/git", true), w.fleet());
        assertTrue(w.runOnLoad());
        assertTrue(one("RegisterWatch(znode='/a', action=Exec('true'), run_on_load='if_changed')")
                .fleet()
                .ifChanged());
        assertEquals(
                FleetControls.NONE,
                one("RegisterWatch(znode='/a', action=Exec('true'), splay=None, debounce=0,"
                                + " fleet_limit=None, fleet_path=None)")
                        .fleet());
    }

    @Test
    void noneMeansTheDefaultAsInTheOriginal() throws Exception {
        WatchDefinition w = one("RegisterWatch(znode='/d', action=Exec('true'), pipe_stdin=None, run_on_load=None,"
                + " run_mode=None, description=None, uid=None, gid=None, watch_type=None, notify_signal=None,"
                + " timeout=None)");
        assertTrue(w.pipeStdin());
        assertTrue(w.runOnLoad());
        assertEquals(RunMode.QUEUE, w.runMode());
        assertEquals("conf/args.twc-1", w.description());
        assertNull(w.user());
        assertNull(w.group());
        assertEquals(WatchType.DATA, w.watchType());
        assertEquals(0, w.notifySignal());
        assertNull(w.timeout());
    }

    @ParameterizedTest
    @CsvSource({
        "QUEUE, QUEUE",
        "PARALLEL, PARALLEL",
        "DISCARD, DISCARD",
        "1, QUEUE",
        "2, PARALLEL",
        "3, DISCARD",
        "1L, QUEUE"
    })
    void runModeAcceptsTheConstantsAndPlainNumbers(String given, RunMode expected) throws Exception {
        assertEquals(
                expected,
                one("RegisterWatch(znode='/m', action=Exec('true'), run_mode=" + given + ")")
                        .runMode());
    }

    @ParameterizedTest
    @CsvSource({"WATCH_DATA, DATA", "WATCH_CHILDREN, CHILDREN", "1, DATA", "2, CHILDREN"})
    void watchTypeAcceptsTheConstantsAndPlainNumbers(String given, WatchType expected) throws Exception {
        assertEquals(
                expected,
                one("RegisterWatch(znode='/w', action=Exec('true'), watch_type=" + given + ")")
                        .watchType());
    }

    @Test
    void theConstantsHaveTheOriginalsValues() throws Exception {
        WatchDefinition w = one("assert (QUEUE, PARALLEL, DISCARD, WATCH_DATA, WATCH_CHILDREN) == (1, 2, 3, 1, 2)\n"
                + "RegisterWatch(znode='/c', action=Exec('true'))");
        assertEquals("/c", w.znode());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"1|PT1S", "0.25|PT0.25S", "10L|PT10S", "3600|PT1H"})
    void timeoutAcceptsIntsLongsAndFloats(String given, Duration expected) throws Exception {
        assertEquals(
                expected,
                one("RegisterWatch(znode='/t', action=Exec('true'), timeout=" + given + ")")
                        .timeout());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"1|1", "signal.SIGTERM|15", "signal.SIGUSR1|10", "31|31"})
    void notifySignalAcceptsNumbersAndSignalConstants(String given, int expected) throws Exception {
        assertEquals(
                expected,
                one("import signal\nRegisterWatch(znode='/s', action=Exec('true'), notify_signal=" + given + ")")
                        .notifySignal());
    }

    @Test
    void uidAndGidAcceptNumbersAndNames() throws Exception {
        WatchDefinition numbers = one("RegisterWatch(znode='/u', action=Exec('id'), uid=65534, gid=65534L)");
        assertEquals("65534", numbers.user());
        assertEquals("65534", numbers.group());
        WatchDefinition names = one("RegisterWatch(znode='/u', action=Exec('id'), uid=u'www-data')");
        assertEquals("www-data", names.user());
        assertNull(names.group());
    }

    @Test
    void aLoopDefinesAHundredWatchesWithNumberedDefaultDescriptions() throws Exception {
        List<WatchDefinition> watches = Twc.load(
                LOADER,
                "loop.twc",
                String.join(
                        "\n",
                        "for i in range(1, 101):",
                        "    RegisterWatch(znode='/loop/%d' % i, action=Exec(['echo', str(i)]))",
                        "RegisterWatch(znode='/loop/named', action=Exec('true'), description='named')"));
        assertEquals(101, watches.size());
        for (int i = 1; i <= 100; i++) {
            WatchDefinition w = watches.get(i - 1);
            assertEquals("/loop/" + i, w.znode());
            assertEquals("conf/loop.twc-" + i, w.description());
            assertEquals(List.of("echo", String.valueOf(i)), w.action().params().get("argv"));
            assertEquals("conf/loop.twc:2", w.origin());
        }
        assertEquals("named", watches.get(100).description());
    }

    @Test
    void anEmptyFileDefinesNoWatch() throws Exception {
        assertEquals(List.of(), Twc.load(LOADER, "empty.twc", "# nothing yet\n"));
    }

    @Test
    void execTakesAStringForTheShellOrATupleForArgv() throws Exception {
        assertEquals(
                ActionSpec.shell("echo 'a b' | wc -c"),
                one("RegisterWatch(znode='/e', action=Exec(\"echo 'a b' |" + " wc -c\"))")
                        .action());
        assertEquals(
                ActionSpec.of("exec", Map.of("argv", List.of("/usr/bin/env", "x=1"))),
                one("RegisterWatch(znode='/e', action=Exec(('/usr/bin/env', 'x=1')))")
                        .action());
        assertEquals(
                ActionSpec.shell("caf\u00e9"),
                one("# -*- coding: utf-8 -*-\nRegisterWatch(znode='/e'," + " action=Exec('caf\u00e9'))")
                        .action());
    }

    @Test
    void webhookJavaActionAndActionNameEveryActionType() throws Exception {
        List<WatchDefinition> watches = Twc.load(
                LOADER,
                "types.twc",
                String.join(
                        "\n",
                        "RegisterWatch(znode='/h', action=Webhook('https://ci.example/hook', headers={'X-Token': 'abc'},",
                        "    timeout=2.5, retries=3, verify_tls=False, events=['load', 'changed'], secret=None))",
                        "RegisterWatch(znode='/j', action=JavaAction('audit', level='info'))",
                        "RegisterWatch(znode='/g', action=Action('http', url='http://127.0.0.1:8080/'))",
                        "RegisterWatch(znode='/x', action=Action(type='exec', argv=['true']))"));
        assertEquals(
                ActionSpec.of(
                        "http",
                        Map.of(
                                "url",
                                "https://ci.example/hook",
                                "headers",
                                Map.of("X-Token", "abc"),
                                "timeout",
                                2.5,
                                "retries",
                                3L,
                                "verify_tls",
                                false,
                                "events",
                                List.of("load", "changed"))),
                watches.get(0).action());
        assertEquals(
                ActionSpec.of("java", Map.of("name", "audit", "level", "info")),
                watches.get(1).action());
        assertEquals(
                ActionSpec.of("http", Map.of("url", "http://127.0.0.1:8080/")),
                watches.get(2).action());
        assertEquals(
                ActionSpec.of("exec", Map.of("argv", List.of("true"))),
                watches.get(3).action());
    }

    @Test
    void functionsLambdasAndBoundMethodsAreInlineActions() throws Exception {
        List<WatchDefinition> watches = Twc.load(
                LOADER,
                "callables.twc",
                String.join(
                        "\n",
                        "def f(optional=1):",
                        "    return optional",
                        "class Deployer(object):",
                        "    def deploy(self):",
                        "        return self",
                        "RegisterWatch(znode='/f', action=f)",
                        "RegisterWatch(znode='/l', action=lambda: None)",
                        "RegisterWatch(znode='/m', action=Deployer().deploy)"));
        assertEquals(3, watches.size());
        for (WatchDefinition w : watches) {
            assertTrue(w.action().isInline(), w.znode());
            assertEquals("python", w.action().type());
            assertTrue(w.action().inline().run(FixedRunContext.of("")).success(), w.znode());
        }
    }

    @Test
    void reloadingAFileMakesNewInlineActionsOfTheSameWatch() throws Exception {
        String source = "RegisterWatch(znode='/r', action=lambda: None)";
        WatchDefinition first = one(source);
        WatchDefinition second = one(source);
        assertNotSame(first.action().inline(), second.action().inline());
        assertTrue(first.sameWatch(second));
        assertFalse(first.sameWatch(one(source.replace("None", "1"))));
    }

    @Test
    void failurePolicyArgumentsAreApplied() throws Exception {
        WatchDefinition w = one("RegisterWatch(znode='/a', action=Exec('x'), retries=2, retry_delay=0.25,"
                + " on_failure=STOP_WATCHING)");
        assertEquals(2, w.retries());
        assertEquals(java.time.Duration.ofMillis(250), w.retryDelay());
        assertEquals(io.twitcher.api.OnFailure.STOP_WATCHING, w.onFailure());
        WatchDefinition named = one("RegisterWatch(znode='/a', action=Exec('x'), on_failure='keep_watching')");
        assertEquals(io.twitcher.api.OnFailure.KEEP_WATCHING, named.onFailure());
        WatchDefinition d = one("RegisterWatch(znode='/a', action=Exec('x'))");
        assertEquals(0, d.retries());
        assertEquals(java.time.Duration.ofSeconds(1), d.retryDelay());
        assertEquals(io.twitcher.api.OnFailure.KEEP_WATCHING, d.onFailure());
    }
}
