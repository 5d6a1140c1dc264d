package io.twitcher.runtime.plugin;

import java.io.File;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;
import org.pf4j.util.FileUtils;

/**
 * PF4J's loader of plugin directories, with two changes that keep a plugin's large libraries (Jython's 50 MB jar,
 * JRuby's 34 MB one) closed until the plugin really uses them, so that a daemon with only {@code .properties} files
 * never reads their indexes (about 8 MiB of heap and 12 MiB of RSS, and the time to read them at start-up):
 *
 * <ul>
 *   <li>the plugin's own jar (named after its id) comes first in its class path, then the others by name (PF4J adds
 *       them in directory order, which put {@code jython-standalone.jar} first): its classes and its
 *       {@code META-INF/extensions.idx} are found without opening the others;
 *   <li>the Twitcher API and SLF4J are looked up in the daemon first: they must be the daemon's classes anyway (a
 *       plugin's copy would be another type), and looking for them in the plugin first opened every jar of it.
 * </ul>
 */
final class PluginDirectoryLoader extends DefaultPluginLoader {
    /** Packages always taken from the daemon, as PF4J does for {@code java.} and {@code org.pf4j.}. */
    private static final List<String> DAEMON_PACKAGES = List.of("io.twitcher.api.", "org.slf4j.");

    PluginDirectoryLoader(PluginManager pluginManager) {
        super(pluginManager);
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        PluginClassLoader loader = createPluginClassLoader(pluginPath, descriptor);
        loadClasses(pluginPath, loader);
        String own = descriptor.getPluginId();
        Comparator<File> ownFirst = Comparator.comparing(
                        (File jar) -> !jar.getName().startsWith(own))
                .thenComparing(File::getName);
        for (String dir : pluginClasspath.getJarsDirectories()) {
            FileUtils.getJars(pluginPath.resolve(dir)).stream().sorted(ownFirst).forEach(loader::addFile);
        }
        return loader;
    }

    @Override
    protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
        return new PluginClassLoader(pluginManager, descriptor, getClass().getClassLoader()) {
            @Override
            public Class<?> loadClass(String className) throws ClassNotFoundException {
                for (String prefix : DAEMON_PACKAGES) {
                    if (className.startsWith(prefix)) {
                        return getParent().loadClass(className);
                    }
                }
                return super.loadClass(className);
            }
        };
    }
}
