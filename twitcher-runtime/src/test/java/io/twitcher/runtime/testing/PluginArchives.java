package io.twitcher.runtime.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The real plugin archives the reactor built (copied by the build to {@code target/plugins} and, for the test
 * fixtures, {@code target/fixtures}), laid into a fresh plugins directory per test: PF4J unpacks archives beside
 * themselves.
 */
public final class PluginArchives {
    private static final Path SHIPPED = Path.of(System.getProperty("twitcher.test.plugins", "target/plugins"));
    private static final Path FIXTURES = Path.of(System.getProperty("twitcher.test.fixtures", "target/fixtures"));

    private PluginArchives() {}

    /** A plugins directory in {@code dir} holding every shipped plugin plus the named fixtures (artifact ids). */
    public static Path directory(Path dir, String... fixtures) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (Stream<Path> zips = Files.list(SHIPPED)) {
            for (Path zip : (Iterable<Path>) zips::iterator) {
                Files.copy(zip, plugins.resolve(zip.getFileName()));
            }
        }
        for (String fixture : fixtures) {
            addFixture(plugins, fixture);
        }
        return plugins;
    }

    /** Copies the named fixture's archive into {@code plugins}. */
    public static Path addFixture(Path plugins, String artifactId) throws IOException {
        try (Stream<Path> zips = Files.list(FIXTURES)) {
            Path zip = zips.filter(z -> z.getFileName().toString().startsWith(artifactId + "-"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no fixture archive " + artifactId + " in " + FIXTURES));
            return Files.copy(zip, plugins.resolve(zip.getFileName()));
        }
    }

    /** A plugins directory holding only the named shipped plugins (artifact ids). */
    public static Path only(Path dir, String... shipped) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        for (String id : shipped) {
            try (Stream<Path> zips = Files.list(SHIPPED)) {
                Path zip = zips.filter(z -> z.getFileName().toString().startsWith(id + "-"))
                        .findFirst()
                        .orElseThrow(() -> new IOException("no plugin archive " + id + " in " + SHIPPED));
                Files.copy(zip, plugins.resolve(zip.getFileName()));
            }
        }
        return plugins;
    }
}
