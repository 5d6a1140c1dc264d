package io.twitcher.runtime.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The hostile config files of the security table: each row lays its files under a base directory (a config
 * directory of its own for {@code check}, a subdirectory of one shared config directory for the daemon) and says the
 * exact line {@code check} prints for it. Owners and modes are real ({@code chown} to nobody needs root, as in CI).
 */
final class HostileFiles {
    static final int NOBODY = 65534;
    /** What every hostile file would do if it were loaded: leave a mark (set by the test before laying files). */
    static volatile Path marker = Path.of("/nonexistent/marker");

    /** One row: what it lays out under {@code base}, and the line it must give. */
    record Row(String label, Setup setup, Function<Path, String> line) {
        @Override
        public String toString() {
            return label;
        }
    }

    @FunctionalInterface
    interface Setup {
        void lay(Path base, Path outside) throws IOException;
    }

    private HostileFiles() {}

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // File modes and owners.
        rows.add(new Row(
                "file writable by others",
                (b, o) -> write(b.resolve("w.properties"), good(), "rw-rw-rw-"),
                b -> b.resolve("w.properties") + ": " + b.resolve("w.properties")
                        + " is writable by others (mode 0666); fix: chmod go-w " + b.resolve("w.properties")));
        rows.add(new Row(
                "file writable by its group",
                (b, o) -> write(b.resolve("w.properties"), good(), "rw-rw-r--"),
                b -> b.resolve("w.properties") + ": " + b.resolve("w.properties")
                        + " is writable by its group (mode 0664); fix: chmod go-w " + b.resolve("w.properties")));
        rows.add(new Row(
                "file owned by nobody",
                (b, o) -> chown(write(b.resolve("w.properties"), good(), "rw-r--r--")),
                b -> b.resolve("w.properties") + ": " + b.resolve("w.properties")
                        + " is owned by nobody (uid 65534), not root; fix: chown root " + b.resolve("w.properties")));
        rows.add(new Row(
                "file owned by nobody, mode 0600",
                (b, o) -> chown(write(b.resolve("w.properties"), good(), "rw-------")),
                b -> b.resolve("w.properties") + ": " + b.resolve("w.properties")
                        + " is owned by nobody (uid 65534), not root; fix: chown root " + b.resolve("w.properties")));
        rows.add(new Row(
                "directory writable by others",
                (b, o) -> {
                    write(b.resolve("d/w.properties"), good(), "rw-r--r--");
                    mode(b.resolve("d"), "rwxrwxrwx");
                },
                b -> b.resolve("d/w.properties") + ": " + b.resolve("d")
                        + " is writable by others (mode 0777); fix: chmod go-w " + b.resolve("d")));
        rows.add(new Row(
                "directory writable by its group",
                (b, o) -> {
                    write(b.resolve("d/w.properties"), good(), "rw-r--r--");
                    mode(b.resolve("d"), "rwxrwxr-x");
                },
                b -> b.resolve("d/w.properties") + ": " + b.resolve("d")
                        + " is writable by its group (mode 0775); fix: chmod go-w " + b.resolve("d")));
        rows.add(new Row(
                "directory owned by nobody",
                (b, o) -> {
                    write(b.resolve("d/w.properties"), good(), "rw-r--r--");
                    chown(b.resolve("d"));
                },
                b -> b.resolve("d/w.properties") + ": " + b.resolve("d")
                        + " is owned by nobody (uid 65534), not root; fix: chown root " + b.resolve("d")));
        rows.add(new Row(
                "deep directory writable by others",
                (b, o) -> {
                    write(b.resolve("d/e/f/w.properties"), good(), "rw-r--r--");
                    mode(b.resolve("d/e"), "rwxrwxrwx");
                },
                b -> b.resolve("d/e/f/w.properties") + ": " + b.resolve("d/e")
                        + " is writable by others (mode 0777); fix: chmod go-w " + b.resolve("d/e")));
        rows.add(new Row(
                "sticky directory, file owned by nobody",
                (b, o) -> {
                    chown(write(b.resolve("t/w.properties"), good(), "rw-r--r--"));
                    Files.setAttribute(b.resolve("t"), "unix:mode", 01777);
                },
                b -> b.resolve("t/w.properties") + ": " + b.resolve("t/w.properties")
                        + " is owned by nobody (uid 65534), not root; fix: chown root " + b.resolve("t/w.properties")));
        // Symbolic links, judged by their targets.
        rows.add(new Row(
                "link to a file in nobody's 0777 directory (the issue's attack)",
                (b, o) -> {
                    Path evil = write(o.resolve("nobody/evil.properties"), good(), "rw-rw-rw-");
                    chown(evil);
                    chown(mode(evil.getParent(), "rwxrwxrwx"));
                    Files.createSymbolicLink(b.resolve("evil.properties"), evil);
                },
                b -> b.resolve("evil.properties") + ": " + outside(b, "nobody")
                        + " is owned by nobody (uid 65534), not root; fix: chown root " + outside(b, "nobody")
                        + " (the target of the symbolic link " + b.resolve("evil.properties") + ")"));
        rows.add(new Row(
                "link to nobody's 0777 directory holding a 0666 file",
                (b, o) -> {
                    Path dir = chown(mode(Files.createDirectories(o.resolve("nobody")), "rwxrwxrwx"));
                    write(dir.resolve("evil.properties"), good(), "rw-rw-rw-");
                    Files.createSymbolicLink(b.resolve("linked"), dir);
                },
                b -> b.resolve("linked/evil.properties") + ": " + outside(b, "nobody")
                        + " is owned by nobody (uid 65534), not root; fix: chown root " + outside(b, "nobody")
                        + " (the target of the symbolic link " + b.resolve("linked") + ")"));
        rows.add(new Row(
                "link to a root file in a directory writable by others",
                (b, o) -> {
                    Path dir = mode(Files.createDirectories(o.resolve("open")), "rwxrwxrwx");
                    Files.createSymbolicLink(
                            b.resolve("w.properties"), write(dir.resolve("w.properties"), good(), "rw-r--r--"));
                },
                b -> b.resolve("w.properties") + ": " + outside(b, "open")
                        + " is writable by others (mode 0777); fix: chmod go-w " + outside(b, "open")
                        + " (the target of the symbolic link " + b.resolve("w.properties") + ")"));
        rows.add(new Row(
                "link to a root file writable by others",
                (b, o) -> {
                    Path target = write(o.resolve("root/w.properties"), good(), "rw-rw-rw-");
                    Files.createSymbolicLink(b.resolve("w.properties"), target);
                },
                b -> b.resolve("w.properties") + ": " + outside(b, "root/w.properties")
                        + " is writable by others (mode 0666); fix: chmod go-w " + outside(b, "root/w.properties")
                        + " (the target of the symbolic link " + b.resolve("w.properties") + ")"));
        rows.add(new Row(
                "link to a link to nobody's file",
                (b, o) -> {
                    Path evil = chown(write(o.resolve("root/evil.properties"), good(), "rw-r--r--"));
                    Path hop = Files.createSymbolicLink(o.resolve("hop.properties"), evil);
                    Files.createSymbolicLink(b.resolve("w.properties"), hop);
                },
                b -> b.resolve("w.properties") + ": " + outside(b, "root/evil.properties")
                        + " is owned by nobody (uid 65534), not root; fix: chown root "
                        + outside(b, "root/evil.properties")
                        + " (the target of the symbolic link " + b.resolve("w.properties") + ")"));
        rows.add(new Row(
                "relative link up into nobody's directory",
                (b, o) -> {
                    Path dir = chown(Files.createDirectories(o.resolve("nobody")));
                    write(dir.resolve("w.properties"), good(), "rw-r--r--");
                    Files.createSymbolicLink(b.resolve("w.properties"), b.relativize(dir.resolve("w.properties")));
                },
                b -> b.resolve("w.properties") + ": " + outside(b, "nobody")
                        + " is owned by nobody (uid 65534), not root; fix: chown root " + outside(b, "nobody")
                        + " (the target of the symbolic link " + b.resolve("w.properties") + ")"));
        rows.add(new Row(
                "link to a directory whose subdirectory nobody owns",
                (b, o) -> {
                    Path sub = chown(Files.createDirectories(o.resolve("root/sub")));
                    write(sub.resolve("w.properties"), good(), "rw-r--r--");
                    Files.createSymbolicLink(b.resolve("linked"), o.resolve("root"));
                },
                b -> b.resolve("linked/sub/w.properties") + ": " + b.resolve("linked/sub")
                        + " is owned by nobody (uid 65534), not root; fix: chown root " + b.resolve("linked/sub")));
        // Contents: every one rejected whole with file:line: reason.
        content(
                rows,
                "unknown run mode",
                "znode=/a\ncommand=x\nrun_mode=SOMETIMES",
                ":3: run_mode must be QUEUE, DISCARD or PARALLEL");
        content(
                rows,
                "relative znode",
                "znode=a\ncommand=x",
                ":1: znode must be an absolute path starting with '/', not 'a'");
        content(
                rows,
                "no action",
                "znode=/a",
                ":1: watch needs command or argv (or action naming another action type)");
        content(rows, "no znode", "command=x", ":1: znode is required");
        content(
                rows,
                "timeout 0",
                "znode=/a\ncommand=x\ntimeout=0",
                ":3: timeout must be a number of seconds greater than 0, not 0");
        content(
                rows,
                "timeout not a number",
                "znode=/a\ncommand=x\ntimeout=soon",
                ":3: timeout must be a number of seconds greater than 0, not 'soon'");
        content(
                rows,
                "signal 99",
                "znode=/a\ncommand=x\nnotify_signal=99",
                ":3: notify_signal must be a signal number from 1 to 31 or a name such as HUP, not 99");
        content(
                rows,
                "pipe_stdin yes",
                "znode=/a\ncommand=x\npipe_stdin=yes",
                ":3: pipe_stdin must be true or false, not 'yes'");
        content(
                rows,
                "key set twice",
                "znode=/a\ncommand=x\nznode=/b",
                ":3: key 'znode' is set twice (first on line 1)");
        content(
                rows,
                "watch type tree",
                "a.znode=/a\na.command=x\na.watch_type=tree",
                ":3: a.watch_type must be WATCH_DATA or WATCH_CHILDREN");
        content(
                rows,
                "command for http",
                "znode=/a\naction=http\ncommand=x",
                ":3: command applies only to action=exec (this watch's action is http)");
        return rows;
    }

    static String good() {
        return "znode=/good\nrun_on_load=false\ncommand=echo hostile >> " + marker + "\n";
    }

    private static void content(List<Row> rows, String label, String text, String tail) {
        rows.add(new Row(
                label,
                (b, o) -> write(b.resolve("w.properties"), text, "rw-r--r--"),
                b -> b.resolve("w.properties") + tail));
    }

    /** The row's outside directory as the trust rule names it (its real path). */
    static Path outside(Path base, String relative) {
        try {
            return base.resolveSibling(base.getFileName() + "-outside")
                    .toRealPath()
                    .resolve(relative);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory a row's targets go to: beside its base, so outside the config directory. */
    static Path outsideOf(Path base) throws IOException {
        return Files.createDirectories(base.resolveSibling(base.getFileName() + "-outside"));
    }

    static Path write(Path file, String text, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return mode(file, mode);
    }

    static Path mode(Path p, String mode) throws IOException {
        return Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }

    static Path chown(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        return p;
    }
}
