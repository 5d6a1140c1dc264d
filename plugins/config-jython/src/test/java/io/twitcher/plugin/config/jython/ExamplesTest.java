package io.twitcher.plugin.config.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.RunMode;
import io.twitcher.api.WatchDefinition;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The shipped example configs (config-examples/src/main/configs, test resources under examples/) load into the watches their comments describe. */
class ExamplesTest {
    private static final TwcConfigLoader LOADER = new TwcConfigLoader();

    @AfterAll
    static void closeLoader() {
        LOADER.close();
    }

    private static List<WatchDefinition> example(String name) throws Exception {
        try (InputStream in = ExamplesTest.class.getResourceAsStream("/examples/" + name)) {
            return LOADER.load(
                    new ConfigFile(Path.of("/etc/twitcher", name), "/etc/twitcher/" + name, in.readAllBytes()));
        }
    }

    @Test
    void gitDeployPullsAsNobodyOneAtATimeWithATimeout() throws Exception {
        WatchDefinition w = example("git-deploy.twc").get(0);
        assertEquals("/git/head", w.znode());
        assertEquals(
                ActionSpec.of("exec", Map.of("argv", List.of("git", "-C", "/srv/app", "pull", "--ff-only"))),
                w.action());
        assertEquals(RunMode.QUEUE, w.runMode());
        assertEquals(Duration.ofMinutes(5), w.timeout());
        assertEquals("nobody", w.user());
        assertFalse(w.pipeStdin());
        assertEquals("git pull /srv/app", w.description());
    }

    @Test
    void recordVersionIsAFunctionAction() throws Exception {
        WatchDefinition w = example("record-version.twc").get(0);
        assertEquals("/app/version", w.znode());
        assertTrue(w.action().isInline());
        assertTrue(w.pipeStdin());
    }

    @Test
    void servicesDefinesOneWatchPerServiceInALoop() throws Exception {
        List<WatchDefinition> watches = example("services.twc");
        assertEquals(
                List.of("/config/nginx", "/config/haproxy", "/config/memcached"),
                watches.stream().map(WatchDefinition::znode).toList());
        assertEquals(
                List.of("reload nginx", "reload haproxy", "reload memcached"),
                watches.stream().map(WatchDefinition::description).toList());
        for (WatchDefinition w : watches) {
            assertFalse(w.runOnLoad());
            assertEquals(RunMode.DISCARD, w.runMode());
        }
    }
}
