package io.twitcher.plugin.config.jruby;

import io.twitcher.api.testing.FixedRunContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ConfigFile;
import io.twitcher.api.ConfigLoader;
import io.twitcher.api.WatchDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/** The built plugin archive, loaded by a real PF4J plugin manager as the daemon loads it. */
class RubyPluginIT {
    private static final Path ARCHIVE = Path.of("target/config-jruby-1.0.0-plugin.zip");

    @Test
    void archiveCarriesJRubyInLibButNotTheDaemonsOwnJars() throws Exception {
        try (ZipFile zip = new ZipFile(ARCHIVE.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).sorted().toList();
            assertTrue(names.contains("plugin.properties"), names::toString);
            assertTrue(names.contains("lib/config-jruby-1.0.0.jar"), names::toString);
            assertTrue(names.contains("lib/jruby-complete-9.4.14.0.jar"), names::toString);
            assertFalse(names.stream().anyMatch(n -> n.contains("twitcher-api") || n.contains("pf4j")
                    || n.contains("slf4j")), names::toString);
            String descriptor = new String(zip.getInputStream(zip.getEntry("plugin.properties")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(descriptor.contains("plugin.id=config-jruby"), descriptor);
        }
    }

    @Test
    void pf4jFindsTheLoaderAndJRubyRunsInsideThePluginClassLoader(@TempDir Path plugins) throws Exception {
        Files.copy(ARCHIVE, plugins.resolve(ARCHIVE.getFileName()));
        PluginManager manager = new DefaultPluginManager(plugins); // what the daemon uses: PF4J reads META-INF/extensions.idx
        manager.setSystemVersion("1.0.0");
        manager.loadPlugins();
        manager.startPlugins();
        try {
            assertEquals(PluginState.STARTED, manager.getPlugin("config-jruby").getPluginState());
            ClassLoader pluginLoader = manager.getPluginClassLoader("config-jruby");
            List<ConfigLoader> loaders = manager.getExtensions(ConfigLoader.class, "config-jruby");
            assertEquals(1, loaders.size());
            ConfigLoader loader = loaders.get(0);
            assertSame(pluginLoader, loader.getClass().getClassLoader());
            // As in the daemon, JRuby is in the plugin archive's lib/ and nowhere else (see the failsafe settings).
            assertThrows(ClassNotFoundException.class, () -> Class.forName("org.jruby.Ruby"));
            assertSame(pluginLoader, Class.forName("org.jruby.Ruby", false, pluginLoader).getClassLoader());

            long start = System.nanoTime();
            List<WatchDefinition> ws = loader.load(new ConfigFile(Path.of("/etc/twitcher/it.rb"), "conf/it.rb", """
                    require 'set'
                    hosts = Set.new(%w[a b a])
                    hosts.each { |h| register_watch znode: "/hosts/#{h}", action: exec('true') }
                    register_watch(znode: '/ping') { |data| raise "empty" if data.empty? }
                    """.getBytes(StandardCharsets.UTF_8)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("cold first .rb load inside PF4J: " + millis + " ms");
            assertEquals(List.of("/hosts/a", "/hosts/b", "/ping"), ws.stream().map(WatchDefinition::znode).toList());
            assertTrue(ws.get(2).action().inline().run(FixedRunContext.of("pong")).success());
            loader.close();
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }
}
