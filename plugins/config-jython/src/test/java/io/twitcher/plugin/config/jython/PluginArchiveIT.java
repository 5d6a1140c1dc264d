package io.twitcher.plugin.config.jython;

import io.twitcher.api.testing.FixedRunContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ConfigLoader;
import io.twitcher.api.WatchDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The built plugin archive, loaded by PF4J as the daemon loads it: the loader is found, evaluates a file, and Jython
 * with the libraries it embeds (jnr-posix among them) comes from the plugin's own class loader, never the host's.
 */
class PluginArchiveIT {

    @Test
    void theArchiveLoadsTwcFilesWithJythonBehindThePluginsClassLoader(@TempDir Path plugins) throws Exception {
        Files.copy(Path.of("target", "config-jython-1.0.0-plugin.zip"), plugins.resolve("config-jython-1.0.0-plugin.zip"));
        PluginManager manager = new DefaultPluginManager(plugins); // what the daemon uses: PF4J reads META-INF/extensions.idx
        manager.setSystemVersion("1.0.0");
        manager.loadPlugins();
        manager.startPlugins();
        try {
            PluginWrapper plugin = manager.getPlugin("config-jython");
            assertEquals(PluginState.STARTED, plugin.getPluginState());
            ClassLoader pluginLoader = plugin.getPluginClassLoader();
            List<ConfigLoader> loaders = manager.getExtensions(ConfigLoader.class, "config-jython");
            assertEquals(1, loaders.size());
            ConfigLoader loader = loaders.get(0);
            assertSame(pluginLoader, loader.getClass().getClassLoader());

            List<WatchDefinition> watches = loader.load(Twc.file("plugin.twc",
                    "import os\nRegisterWatch(znode='/p', action=lambda: os.getpid())"));
            assertTrue(watches.get(0).action().inline().run(FixedRunContext.of("")).success());

            for (String name : List.of("org.python.core.Py", "jnr.posix.POSIXFactory", "jnr.ffi.Runtime",
                    "com.kenai.jffi.Foreign")) {
                assertSame(pluginLoader, pluginLoader.loadClass(name).getClassLoader(), name);
            }
            loader.close();
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }
}
