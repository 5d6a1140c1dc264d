package io.twitcher.plugin.config.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.OnFailure;
import io.twitcher.api.RunMode;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.WatchType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import io.twitcher.api.FleetControls;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PropertiesConfigLoaderTest {
    private final PropertiesConfigLoader loader = new PropertiesConfigLoader();

    private List<WatchDefinition> load(String text) throws ConfigException {
        return loader.load(new ConfigFile(Path.of("/etc/twitcher/w.properties"), "conf/w.properties",
                text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void singleWatchWithPlainKeysAndDefaults() throws Exception {
        WatchDefinition w = load("# deploy\nznode = /git/head\ncommand = git pull\n").get(0);
        assertEquals("/git/head", w.znode());
        assertEquals("exec", w.action().type());
        assertEquals(Map.of("command", "git pull"), w.action().params());
        assertEquals("conf/w.properties-1", w.description());
        assertEquals("conf/w.properties:2", w.origin());
        assertEquals(RunMode.QUEUE, w.runMode());
        assertEquals(WatchType.DATA, w.watchType());
        assertNull(w.timeout());
    }

    @Test
    void everyKeyIsApplied() throws Exception {
        WatchDefinition w = load(String.join("\n", "znode=/a", "argv=[\"git\", \"pull\"]", "pipe_stdin=false",
                "run_on_load=FALSE", "run_mode=discard", "description=deploy", "uid=nobody", "gid=65534",
                "watch_type=CHILDREN", "notify_signal=SIGUSR1", "timeout=2.5")).get(0);
        assertEquals(List.of("git", "pull"), w.action().params().get("argv"));
        assertFalse(w.pipeStdin());
        assertFalse(w.runOnLoad());
        assertEquals(RunMode.DISCARD, w.runMode());
        assertEquals("deploy", w.description());
        assertEquals("nobody", w.user());
        assertEquals("65534", w.group());
        assertEquals(WatchType.CHILDREN, w.watchType());
        assertEquals(10, w.notifySignal());
        assertEquals(Duration.ofMillis(2500), w.timeout());
    }

    @Test
    void severalWatchesSharePrefixesAndKeepFileOrder() throws Exception {
        List<WatchDefinition> ws = load(String.join("\n", "web.znode=/web", "web.action=http",
                "web.http.url=http://127.0.0.1/hook", "web.http.header.X-Token=abc", "deploy.znode=/git/head",
                "deploy.command=git \\", "    pull", "deploy.run_mode=2"));
        assertEquals(2, ws.size());
        assertEquals("http", ws.get(0).action().type());
        assertEquals(Map.of("url", "http://127.0.0.1/hook", "header.X-Token", "abc"), ws.get(0).action().params());
        assertEquals("conf/w.properties-2", ws.get(1).description());
        assertEquals("git pull", ws.get(1).action().params().get("command"));
        assertEquals(RunMode.PARALLEL, ws.get(1).runMode());
    }

    @Test
    void envKeysSetTheActionsVariables() throws Exception {
        assertEquals(Map.of("DEPLOY_TARGET", "blue", "EMPTY", ""),
                load("znode=/a\ncommand=x\nenv.DEPLOY_TARGET=blue\nenv.EMPTY=").get(0).env());
        assertEquals(Map.of("A", "1"), load("w.znode=/a\nw.command=x\nw.env.A=1").get(0).env());
    }

    @Test
    void fleetControlsAreRead() throws Exception {
        WatchDefinition w = load(String.join("\n", "znode=/git/head", "command=git pull", "splay=30", "debounce=2.5",
                "fleet_limit=10", "fleet_path=/locks/git", "run_on_load=if_changed")).get(0);
        assertEquals(new FleetControls(Duration.ofSeconds(30), Duration.ofMillis(2500), 10, "/locks/git", true),
                w.fleet());
        assertEquals(FleetControls.NONE, load("znode=/a\ncommand=x\nsplay=0\nrun_on_load=true").get(0).fleet());
        assertEquals("/twitcher/fleet_limit/git/head", w.fleet().withoutPath().fleetPathFor("/git/head"));
    }

    @Test
    void emptyFileDefinesNothing() throws Exception {
        assertEquals(List.of(), load("# nothing yet\n\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "znode=/a\\ncommand=x\\nrun_mode=SOMETIMES|conf/w.properties:3: run_mode must be QUEUE, DISCARD or PARALLEL",
        "znode=/a\\ncommand=x\\ncolour=red|conf/w.properties:3: colour is not a known key; known keys are action, argv, command, debounce, description, env.<NAME>, fleet_limit, fleet_path, gid, notify_signal, on_failure, pipe_stdin, retries, retry_delay, run_mode, run_on_load, splay, timeout, uid, watch_type, znode, and exec.<parameter> for the action's parameters",
        "znode=a\\ncommand=x|conf/w.properties:1: znode must be an absolute path starting with '/', not 'a'",
        "znode=/a|conf/w.properties:1: watch needs command or argv (or action naming another action type)",
        "command=x|conf/w.properties:1: znode is required",
        "znode=/a\\ncommand=x\\nenv.1BAD=x|conf/w.properties:3: env: '1BAD' is not a valid variable name (letters, digits and '_', not starting with a digit)",
        "znode=/a\\ncommand=x\\nenv.TWITCHER_ZNODE=/b|conf/w.properties:3: env: TWITCHER_ZNODE is set by the daemon; TWITCHER_ names are reserved",
        "znode=/a\\ncommand=x\\nenv=A=1|conf/w.properties:3: env takes one key per variable, as in env.DEPLOY_TARGET=blue",
        "a.znode=/a\\na.command=x\\na.env.=x|conf/w.properties:3: a.env: '' is not a valid variable name (letters, digits and '_', not starting with a digit)",
        "znode=/a\\ncommand=x\\ntimeout=0|conf/w.properties:3: timeout must be a number of seconds greater than 0, not 0",
        "znode=/a\\ncommand=x\\ntimeout=soon|conf/w.properties:3: timeout must be a number of seconds greater than 0, not 'soon'",
        "znode=/a\\ncommand=x\\nuid=2147483648|conf/w.properties:3: uid must be a name or a number from 0 to 2147483647, not 2147483648",
        "znode=/a\\ncommand=x\\nretries=-1|conf/w.properties:3: retries must be a whole number from 0 to 100, not -1",
        "znode=/a\\ncommand=x\\nretries=2.5|conf/w.properties:3: retries must be a whole number from 0 to 100, not '2.5'",
        "znode=/a\\ncommand=x\\nretries=101|conf/w.properties:3: retries must be a whole number from 0 to 100, not 101",
        "znode=/a\\ncommand=x\\nretry_delay=0|conf/w.properties:3: retry_delay must be a number of seconds greater than 0, not 0",
        "znode=/a\\ncommand=x\\nretry_delay=later|conf/w.properties:3: retry_delay must be a number of seconds greater than 0, not 'later'",
        "znode=/a\\ncommand=x\\non_failure=panic|conf/w.properties:3: on_failure must be keep_watching or stop_watching, not 'panic'",
        "znode=/a\\ncommand=x\\nnotify_signal=99|conf/w.properties:3: notify_signal must be a signal number from 1 to 31 or a name such as HUP, not 99",
        "znode=/a\\ncommand=x\\npipe_stdin=yes|conf/w.properties:3: pipe_stdin must be true or false, not 'yes'",
        "znode=/a\\ncommand=x\\nznode=/b|conf/w.properties:3: key 'znode' is set twice (first on line 1)",
        "a.znode=/a\\na.command=x\\nb.command=y|conf/w.properties:3: watch 'b' has no b.znode",
        "a.znode=/a\\na.command=x\\nstray=1|conf/w.properties:3: unknown key 'stray': in a file that defines several watches every key starts with the watch's name, as in deploy.znode",
        "a.znode=/a\\na.command=x\\na.watch_type=tree|conf/w.properties:3: a.watch_type must be WATCH_DATA or WATCH_CHILDREN",
        "znode=/a\\naction=http\\ncommand=x|conf/w.properties:3: command applies only to action=exec (this watch's action is http)",
        "znode=/a\\ncommand=x\\nsplay=soon|conf/w.properties:3: splay must be a number of seconds from 0 to 86400, not 'soon'",
        "znode=/a\\ncommand=x\\nsplay=-1|conf/w.properties:3: splay must be a number of seconds from 0 to 86400, not -1",
        "znode=/a\\ncommand=x\\ndebounce=1e9|conf/w.properties:3: debounce must be a number of seconds from 0 to 86400, not 1000000000",
        "znode=/a\\ncommand=x\\nfleet_limit=two|conf/w.properties:3: fleet_limit must be a number of machines from 1 to 10000 (0: no limit), not 'two'",
        "znode=/a\\ncommand=x\\nfleet_limit=-2|conf/w.properties:3: fleet_limit must be a number of machines from 1 to 10000 (0: no limit), not -2",
        "znode=/a\\ncommand=x\\nfleet_limit=2\\nfleet_path=locks|conf/w.properties:4: fleet_path must be an absolute path starting with '/', not 'locks'",
        "znode=/a\\ncommand=x\\nfleet_path=/locks|conf/w.properties:1: fleet_path needs fleet_limit",
        "znode=/a\\ncommand=x\\nrun_on_load=maybe|conf/w.properties:3: run_on_load must be true, false or if_changed, not 'maybe'",
    })
    void badFilesNameTheLineAndKey(String text, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(text.replace("\\n", "\n")));
        assertEquals(message, e.getMessage());
    }

    @Test
    void failurePolicyKeysAreApplied() throws Exception {
        WatchDefinition w = load(String.join("\n", "znode=/a", "command=x", "retries=3", "retry_delay=0.5",
                "on_failure=STOP_WATCHING")).get(0);
        assertEquals(3, w.retries());
        assertEquals(Duration.ofMillis(500), w.retryDelay());
        assertEquals(OnFailure.STOP_WATCHING, w.onFailure());
        WatchDefinition d = load("znode=/a\ncommand=x").get(0);
        assertEquals(0, d.retries());
        assertEquals(Duration.ofSeconds(1), d.retryDelay());
        assertEquals(OnFailure.KEEP_WATCHING, d.onFailure());
    }
}
