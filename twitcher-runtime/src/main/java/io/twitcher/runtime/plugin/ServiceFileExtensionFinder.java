package io.twitcher.runtime.plugin;

import io.twitcher.api.ActionType;
import io.twitcher.api.Callback;
import io.twitcher.api.ConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.AbstractExtensionFinder;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a plugin's extensions in its {@code META-INF/services} files for Twitcher's extension points only.
 * PF4J's own service finder reads every services file of every jar in a plugin through a zip file system, and loads
 * each class listed there: for the interpreters' plugins, hundreds of milliseconds of start-up spent on Jython's and
 * JRuby's own services. The classpath is left to {@link java.util.ServiceLoader}.
 */
final class ServiceFileExtensionFinder extends AbstractExtensionFinder {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceFileExtensionFinder.class);
    private static final List<Class<?>> POINTS = List.of(ConfigLoader.class, ActionType.class, Callback.class);

    ServiceFileExtensionFinder(PluginManager pluginManager) {
        super(pluginManager);
    }

    @Override
    public Map<String, Set<String>> readPluginsStorages() {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        for (PluginWrapper plugin : pluginManager.getPlugins()) {
            Set<String> classes = new LinkedHashSet<>();
            if (plugin.getPluginClassLoader() instanceof URLClassLoader loader) {
                for (Class<?> point : POINTS) {
                    try {
                        // findResources, not getResources: the plugin's own jars, not the daemon's classpath
                        Enumeration<URL> urls = loader.findResources("META-INF/services/" + point.getName());
                        while (urls.hasMoreElements()) {
                            read(urls.nextElement(), classes);
                        }
                    } catch (IOException e) {
                        LOG.warn("Plugin {}: cannot read its {} services file: {}", plugin.getPluginId(),
                                point.getSimpleName(), e.getMessage());
                    }
                }
            }
            result.put(plugin.getPluginId(), classes);
        }
        return result;
    }

    @Override
    public Map<String, Set<String>> readClasspathStorages() {
        return Map.of();
    }

    private static void read(URL url, Set<String> classes) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!name.isEmpty()) {
                    classes.add(name);
                }
            }
        }
    }
}
