package io.twitcher.runtime.config;

import io.twitcher.runtime.lifecycle.StartupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Lists the config files under a directory, recursively, in a stable order. Names starting with a dot (editor
 * swap and lock files, {@code .git}) are skipped, files and directories alike; so are names no loader claims.
 */
public final class ConfigScanner {
    private ConfigScanner() {
    }

    /** The one check that a config path exists, made before anything loads from it. */
    public static void requireExisting(Path configPath) {
        if (!Files.exists(configPath)) {
            throw new StartupException("the config path " + configPath + " does not exist");
        }
    }

    /** The files under {@code root} (or {@code root} itself when it is a file) that {@code claimed} accepts. */
    static List<Path> scan(Path root, Predicate<String> claimed) throws IOException {
        return scan(root, claimed, dir -> { });
    }

    /** As {@link #scan(Path, Predicate)}, telling {@code directories} of every directory it reads. */
    static List<Path> scan(Path root, Predicate<String> claimed, Consumer<Path> directories) throws IOException {
        return scan(root, claimed, directories, (path, reason) -> { });
    }

    /**
     * As {@link #scan(Path, Predicate, Consumer)}; {@code directories} also hears of the directory that holds the
     * target of each linked file (an edit there must be seen), and {@code problems} of every entry that cannot be
     * read (a dangling link, a directory without permission), with the reason.
     */
    static List<Path> scan(Path root, Predicate<String> claimed, Consumer<Path> directories,
                           BiConsumer<Path, String> problems) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isRegularFile(root)) {
            if (claimed.test(root.getFileName().toString())) {
                out.add(root);
            }
            return out;
        }
        // Links are followed: /etc/twitcher often holds symlinks to configs kept elsewhere.
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && hidden(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                directories.accept(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (hidden(file)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    // Links are followed, so only a link whose target cannot be reached arrives here as a link.
                    problems.accept(file, "it is a symbolic link to " + linkTarget(file) + ", which does not exist"
                            + " or cannot be read");
                } else if (attrs.isRegularFile() && claimed.test(name)) {
                    out.add(file);
                    if (Files.isSymbolicLink(file)) {
                        watchTargetDirectory(file, directories);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (file.equals(root)) {
                    throw new UncheckedIOException(e);
                }
                if (!hidden(file) && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    problems.accept(file, reason(e)); // still there, so unreadable rather than deleted meanwhile
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    private static void watchTargetDirectory(Path link, Consumer<Path> directories) {
        try {
            Path parent = link.toRealPath().getParent();
            if (parent != null) {
                directories.accept(parent);
            }
        } catch (IOException e) {
            // gone meanwhile: the next scan tells
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a target that cannot be read";
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemLoopException) {
            return "its symbolic links form a loop";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "it does not exist";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A file as messages name it: the config path as the user gave it joined with the file's relative path. */
    static String displayName(Path root, Path file) {
        return file.equals(root) ? root.toString() : root.resolve(root.relativize(file)).toString();
    }

    static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }
}
