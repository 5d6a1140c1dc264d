package io.twitcher.runtime.plugin;

import io.twitcher.runtime.lifecycle.StartupException;
import io.twitcher.runtime.lifecycle.StateDirectory;
import io.twitcher.runtime.trust.ProcessUser;
import io.twitcher.runtime.trust.TrustRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.pf4j.PluginRepository;

/**
 * What PF4J loads from the plugins directory, which the daemon only ever reads: plugin directories and jars as they
 * are, and each zip unpacked into a private directory of this process (mode 0700, deleted at close) instead of
 * beside the archive as PF4J's own repository does. Each entry must pass the trust rule first; an entry that is
 * refused or cannot be unpacked is reported in one line ({@link #problems()}) and skipped.
 */
final class PluginSources implements PluginRepository, AutoCloseable {
    private final List<Path> dirs;
    private final TrustRule trust;
    private final Map<Path, Path> origins = new LinkedHashMap<>();
    private final Map<Path, String> problems = new LinkedHashMap<>();
    private Path unpacked;
    private List<Path> paths;

    private final Path stateDir;

    /** @param stateDir the daemon's {@code --state_dir}, where zips are unpacked when writable, or {@code null} */
    PluginSources(List<Path> dirs, TrustRule trust, Path stateDir) {
        this.dirs = List.copyOf(dirs);
        this.trust = trust;
        this.stateDir = stateDir;
    }

    @Override
    public synchronized List<Path> getPluginPaths() {
        if (paths == null) {
            paths = collect();
        }
        return paths;
    }

    private List<Path> collect() {
        List<Path> out = new ArrayList<>();
        for (Path dir : dirs) {
            collect(dir, out);
        }
        return out;
    }

    private void collect(Path dir, List<Path> out) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.put(dir, "cannot list the plugins directory " + dir + " (" + e.getMessage() + ")");
            return;
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            boolean zip = name.endsWith(".zip");
            boolean directory = Files.isDirectory(entry);
            if (!zip && !directory && !name.endsWith(".jar")) {
                continue;
            }
            if (directory && Files.exists(entry.resolveSibling(name + ".zip"))) {
                continue; // an earlier version's unpacking of the zip beside it: the zip is the plugin
            }
            Optional<String> problem = problem(dir, entry, directory);
            if (problem.isPresent()) {
                problems.put(entry, "Plugin " + name + " skipped: not trusted: " + problem.get());
                continue;
            }
            try {
                Path path = zip ? unpack(entry) : entry;
                origins.put(path.toAbsolutePath().normalize(), entry);
                out.add(path);
            } catch (IOException | StartupException e) {
                problems.put(entry, "Plugin " + name + " skipped: cannot unpack it: " + e.getMessage());
            }
        }
    }

    private Optional<String> problem(Path dir, Path entry, boolean directory) {
        Optional<String> problem = trust.problem(dir, entry);
        if (problem.isEmpty() && directory && trust.isEnforced()) {
            try (Stream<Path> tree = Files.walk(entry)) {
                problem = tree.skip(1)
                        .map(p -> trust.problem(dir, p))
                        .flatMap(Optional::stream)
                        .findFirst();
            } catch (IOException | java.io.UncheckedIOException e) {
                problem = Optional.of("cannot read " + entry + " (" + e.getMessage() + ")");
            }
        }
        return problem;
    }

    /** The archive or directory in the plugins directory that {@code loaded} (a path PF4J was given) came from. */
    Path origin(Path loaded) {
        return origins.getOrDefault(loaded.toAbsolutePath().normalize(), loaded);
    }

    /** One line per refused or unusable entry, by entry. */
    synchronized Map<Path, String> problems() {
        getPluginPaths();
        return problems;
    }

    private Path unpack(Path zip) throws IOException {
        if (unpacked == null) {
            unpacked = privateDirectory(stateDir);
        }
        String name = zip.getFileName().toString();
        Path target = unpacked.resolve(name.substring(0, name.length() - ".zip".length()));
        Files.createDirectory(target);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("its entry " + e.getName() + " points outside the archive");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    copy(in, out);
                }
            }
        }
        return target;
    }

    private static void copy(InputStream in, Path out) throws IOException {
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * A fresh directory only this process's user can enter, under {@code <state dir>/plugins-cache}: the daemon's
     * {@code --state_dir} when it is (or can be made) writable, else the default state directory for root, else
     * {@code $XDG_RUNTIME_DIR/twitcher} or {@code <temp dir>/twitcher-<uid>}.
     */
    private static Path privateDirectory(Path stateDir) throws IOException {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        Path state = stateDir != null && usable(stateDir)
                ? stateDir
                : ProcessUser.isRoot()
                        ? StateDirectory.defaultPath()
                        : xdg != null && !xdg.isBlank()
                                ? Path.of(xdg, "twitcher")
                                : Path.of(System.getProperty("java.io.tmpdir"), "twitcher-" + ProcessUser.uid());
        Path cache = state.resolve("plugins-cache");
        var owner = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(cache, owner);
        int uid = (Integer) Files.getAttribute(cache, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) Files.getAttribute(cache, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (uid != ProcessUser.uid() || (mode & 0022) != 0 || Files.isSymbolicLink(cache)) {
            throw new StartupException("the plugin cache " + cache + " must be a directory owned by this user and"
                    + " writable by nobody else (mode " + String.format("%04o", mode & 07777) + ", uid " + uid + ")");
        }
        return Files.createTempDirectory(cache, "run-", owner);
    }

    private static boolean usable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean deletePluginPath(Path pluginPath) {
        return false; // never delete what an operator installed
    }

    /** Deletes this process's unpacked plugins. */
    @Override
    public synchronized void close() {
        if (unpacked == null) {
            return;
        }
        try {
            Files.walkFileTree(unpacked, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Left for the next start's operator to see; nothing loads from it again.
        }
        unpacked = null;
    }
}
