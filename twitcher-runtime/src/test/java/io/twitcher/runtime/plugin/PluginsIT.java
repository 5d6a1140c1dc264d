package io.twitcher.runtime.plugin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.lifecycle.StartupException;
import io.twitcher.runtime.testing.LogCapture;
import io.twitcher.runtime.testing.PluginArchives;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin platform with the real archives the reactor built, loaded by the real plugin manager. */
class PluginsIT {
    @TempDir
    Path dir;

    @Test
    void shippedPluginsProvideEveryLanguageAndActionType() throws Exception {
        try (PluginRegistry registry = PluginRegistry.load(PluginArchives.directory(dir))) {
            assertEquals(Set.of(".properties", ".twc", ".rb"), registry.suffixes());
            assertEquals(Set.of("exec", "http", "java"), shipped(registry.actionTypes()));
        }
    }

    @Test
    void theInterpretersJarsStayClosedUntilAConfigLanguageNeedsThem() throws Exception {
        // Jython's 50 MB jar and JRuby's 34 MB one: opening them reads their indexes into the heap (about 8 MiB).
        Set<String> before = openFiles();
        try (PluginRegistry registry = PluginRegistry.load(PluginArchives.directory(dir))) {
            assertTrue(registry.suffixes().contains(".twc"), registry.suffixes().toString());
            List<String> opened =
                    openFiles().stream().filter(f -> !before.contains(f)).toList();
            assertTrue(
                    opened.stream().anyMatch(f -> f.endsWith(".jar") && f.contains("config-jython")),
                    "the plugin's own jar is open: " + opened);
            assertEquals(
                    List.of(),
                    opened.stream()
                            .filter(f -> f.contains("jython-standalone") || f.contains("jruby-complete"))
                            .toList());
        }
    }

    private static Set<String> openFiles() throws java.io.IOException {
        Set<String> out = new java.util.HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    out.add(Files.readSymbolicLink(fd).toString());
                } catch (java.io.IOException e) {
                    // closed since the listing
                }
            }
        }
        return out;
    }

    @Test
    void brokenPluginsAreReportedInOneLineEachAndTheOthersWork() throws Exception {
        Path plugins = PluginArchives.only(dir, "action-exec", "config-properties");
        PluginArchives.addFixture(plugins, "example-action-marker");
        PluginArchives.addFixture(plugins, "broken-requires");
        PluginArchives.addFixture(plugins, "broken-start");
        Files.writeString(plugins.resolve("corrupt-1.0.0.zip"), "this is not a zip archive");
        try (LogCapture log = new LogCapture();
                PluginRegistry registry = PluginRegistry.load(plugins)) {
            assertEquals(Set.of("exec", "marker"), shipped(registry.actionTypes()));
            assertEquals(Set.of(".properties", ".marker"), registry.suffixes());
            List<String> skipped = log.containing("skipped");
            assertEquals(3, skipped.size(), skipped.toString());
            assertTrue(
                    skipped.stream()
                            .anyMatch(m -> m.startsWith("Plugin broken-requires ")
                                    && m.contains("requires Twitcher API >=2.0.0 and this is 1.0.0")),
                    skipped.toString());
            assertTrue(skipped.stream().anyMatch(m -> m.startsWith("Plugin broken-start ")), skipped.toString());
            assertTrue(
                    skipped.stream().anyMatch(m -> m.startsWith("Plugin archive corrupt-1.0.0.zip skipped")),
                    skipped.toString());
            skipped.forEach(m -> assertFalse(m.contains("\n"), "one line each: " + m));
        }
    }

    @Test
    void twoPluginsClaimingOneSuffixIsAStartupErrorNamingBoth() throws Exception {
        Path plugins = PluginArchives.only(dir, "action-exec", "config-properties");
        PluginArchives.addFixture(plugins, "duplicate-claims");
        StartupException e = assertThrows(StartupException.class, () -> PluginRegistry.load(plugins));
        assertTrue(e.getMessage().startsWith("Two plugins claim the "), e.getMessage());
        assertTrue(e.getMessage().contains("plugin duplicate-claims 1.0.0"), e.getMessage());
        assertTrue(
                e.getMessage().contains("plugin config-properties 1.0.0")
                        || e.getMessage().contains("plugin action-exec 1.0.0"),
                e.getMessage());
    }

    @Test
    void anOutsidersActionTypeRunsFromEveryConfigLanguage() throws Exception {
        Path plugins = PluginArchives.directory(dir, "example-action-marker");
        try (ZkFixture zk = new ZkFixture(dir)) {
            zk.writeConfig(
                    "m.properties",
                    "znode=/outsider\nrun_on_load=false\naction=marker\nmarker.file=" + zk.file("from-properties")
                            + "\n");
            zk.writeConfig(
                    "m.twc",
                    "RegisterWatch(znode='/outsider', run_on_load=False,\n"
                            + "              action=Action('marker', file='" + zk.file("from-twc") + "'))\n");
            zk.writeConfig(
                    "m.rb",
                    "register_watch znode: '/outsider', run_on_load: false,\n"
                            + "               action: action(:marker, file: '" + zk.file("from-rb") + "')\n");
            zk.writeConfig("m.marker", "/outsider " + zk.file("from-marker") + "\n");
            var t = zk.startTwitcher(b -> b.pluginsDir(plugins));
            assertEquals(4, t.watchCount());
            zk.poke("/outsider", "hello");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> zk.lines("from-properties").size() == 1
                            && zk.lines("from-twc").size() == 1
                            && zk.lines("from-rb").size() == 1
                            && zk.lines("from-marker").size() == 1);
            assertEquals(List.of("/outsider 0 hello"), zk.lines("from-properties"));
            assertEquals(List.of("/outsider 0 hello"), zk.lines("from-twc"));
            assertEquals(List.of("/outsider 0 hello"), zk.lines("from-rb"));
            assertEquals(List.of("/outsider 0 hello"), zk.lines("from-marker"));
        }
    }

    /** The action types without {@code probe}, the runtime tests' own type on the test classpath (ProbeActionType). */
    private static Set<String> shipped(Set<String> types) {
        Set<String> out = new java.util.TreeSet<>(types);
        out.remove("probe");
        return out;
    }
}
