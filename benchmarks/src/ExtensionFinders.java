import io.twitcher.api.ActionType;
import io.twitcher.api.Callback;
import io.twitcher.api.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;
import org.pf4j.PluginManager;
import org.pf4j.PluginStateListener;
import org.pf4j.PluginWrapper;

/**
 * The extension-finder benchmark's two halves (run by extension-finders.sh with the daemon's lib/ on the class path):
 *
 * <pre>
 * prepare SHIPPED_PLUGINS OUT   copies the plugin zips to OUT/services, and to OUT/index with META-INF/extensions.idx
 *                               added to each plugin's own jar (what PF4J's processor writes with its default storage)
 * measure custom|default DIR    in this fresh JVM: loads and starts DIR's plugins with that finder, then asks every
 *                               started plugin for its extensions of the three points, as the daemon's PluginSet does;
 *                               prints "load_ms find_ms extensions"
 * </pre>
 */
public final class ExtensionFinders {
    private static final List<Class<?>> POINTS = List.of(ConfigLoader.class, ActionType.class, Callback.class);

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("prepare")) {
            prepare(Path.of(args[1]), Path.of(args[2]));
        } else if (args.length == 3 && args[0].equals("measure")) {
            measure(args[1], Path.of(args[2]));
        } else {
            throw new IllegalArgumentException("usage: prepare SHIPPED OUT | measure custom|default DIR");
        }
    }

    private static void measure(String finder, Path dir) throws Exception {
        long t0 = System.nanoTime();
        PluginManager manager = new DefaultPluginManager(dir) {
            @Override
            protected ExtensionFinder createExtensionFinder() {
                if (finder.equals("default")) {
                    return super.createExtensionFinder();
                }
                try {
                    // the runtime's finder is package-private: create it as PluginSet does, through reflection
                    Constructor<?> c = Class.forName("io.twitcher.runtime.plugin.ServiceFileExtensionFinder")
                            .getDeclaredConstructor(PluginManager.class);
                    c.setAccessible(true);
                    ExtensionFinder custom = (ExtensionFinder) c.newInstance(this);
                    addPluginStateListener((PluginStateListener) custom);
                    return custom;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        manager.setSystemVersion("1.0.0");
        manager.loadPlugins();
        manager.startPlugins();
        long t1 = System.nanoTime();
        TreeSet<String> found = new TreeSet<>();
        for (PluginWrapper p : manager.getStartedPlugins()) {
            for (Class<?> point : POINTS) {
                for (Object extension : manager.getExtensions(point, p.getPluginId())) {
                    found.add(point.getSimpleName() + ":" + extension.getClass().getName());
                }
            }
        }
        long t2 = System.nanoTime();
        System.out.printf("%.1f %.1f %d%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, found.size());
        System.err.println(String.join(" ", found));
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    private static void prepare(Path shipped, Path out) throws IOException {
        Files.createDirectories(out.resolve("services"));
        Files.createDirectories(out.resolve("index"));
        List<Path> zips;
        try (Stream<Path> files = Files.list(shipped)) {
            zips = files.filter(f -> f.toString().endsWith(".zip")).sorted().toList();
        }
        if (zips.isEmpty()) {
            throw new IllegalStateException("no plugin zips in " + shipped);
        }
        for (Path zip : zips) {
            Files.copy(zip, out.resolve("services").resolve(zip.getFileName()));
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
                 ZipOutputStream copy = new ZipOutputStream(Files.newOutputStream(out.resolve("index")
                         .resolve(zip.getFileName())))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    byte[] bytes = in.readAllBytes();
                    if (e.getName().startsWith("lib/") && e.getName().endsWith(".jar")) {
                        bytes = withIndex(bytes);
                    }
                    copy.putNextEntry(new ZipEntry(e.getName()));
                    copy.write(bytes);
                    copy.closeEntry();
                }
            }
        }
    }

    /** The jar with META-INF/extensions.idx listing the classes of its META-INF/services/io.twitcher.api.* files. */
    private static byte[] withIndex(byte[] jar) throws IOException {
        List<String> classes = new ArrayList<>();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(jar.length + 1024);
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(buffer)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().startsWith("META-INF/services/io.twitcher.api.")) {
                    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                        String name = line.replaceFirst("#.*", "").strip();
                        if (!name.isEmpty()) {
                            classes.add(name);
                        }
                    }
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
            if (classes.isEmpty()) {
                return jar;
            }
            out.putNextEntry(new ZipEntry("META-INF/extensions.idx"));
            // LegacyExtensionStorage's format
            out.write(("# Generated by PF4J\n" + String.join("\n", classes) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return buffer.toByteArray();
    }
}
