package io.twitcher.plugin.config.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.RunMode;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.WatchType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    void emptyFileDefinesNothing() throws Exception {
        assertEquals(List.of(), load("# nothing yet\n\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "znode=/a\\ncommand=x\\nrun_mode=SOMETIMES|conf/w.properties:3: run_mode must be QUEUE, DISCARD or PARALLEL",
        "znode=/a\\ncommand=x\\ncolour=red|conf/w.properties:3: colour is not a known key; known keys are action, argv, command, description, gid, notify_signal, pipe_stdin, run_mode, run_on_load, timeout, uid, watch_type, znode, and exec.<parameter> for the action's parameters",
        "znode=a\\ncommand=x|conf/w.properties:1: znode must be an absolute path starting with '/', not 'a'",
        "znode=/a|conf/w.properties:1: watch needs command or argv (or action naming another action type)",
        "command=x|conf/w.properties:1: znode is required",
        "znode=/a\\ncommand=x\\ntimeout=0|conf/w.properties:3: timeout must be a number of seconds greater than 0, not 0",
        "znode=/a\\ncommand=x\\ntimeout=soon|conf/w.properties:3: timeout must be a number of seconds greater than 0, not 'soon'",
        "znode=/a\\ncommand=x\\nnotify_signal=99|conf/w.properties:3: notify_signal must be a signal number from 1 to 31 or a name such as HUP, not 99",
        "znode=/a\\ncommand=x\\npipe_stdin=yes|conf/w.properties:3: pipe_stdin must be true or false, not 'yes'",
        "znode=/a\\ncommand=x\\nznode=/b|conf/w.properties:3: key 'znode' is set twice (first on line 1)",
        "a.znode=/a\\na.command=x\\nb.command=y|conf/w.properties:3: watch 'b' has no b.znode",
        "a.znode=/a\\na.command=x\\nstray=1|conf/w.properties:3: unknown key 'stray': in a file that defines several watches every key starts with the watch's name, as in deploy.znode",
        "a.znode=/a\\na.command=x\\na.watch_type=tree|conf/w.properties:3: a.watch_type must be WATCH_DATA or WATCH_CHILDREN",
        "znode=/a\\naction=http\\ncommand=x|conf/w.properties:3: command applies only to action=exec (this watch's action is http)",
    })
    void badFilesNameTheLineAndKey(String text, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(text.replace("\\n", "\n")));
        assertEquals(message, e.getMessage());
    }
}
