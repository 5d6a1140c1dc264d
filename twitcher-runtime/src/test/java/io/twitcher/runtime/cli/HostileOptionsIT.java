package io.twitcher.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile command lines, secret files, pidfile and log file paths, plugins directories: each row gives its exact
 * one-sentence result and exit code, and a check that nothing else was touched or lost (the node poke was refused
 * for was not created, the file a planted link points to still holds its bytes, the good config still checks OK).
 */
class HostileOptionsIT {
    private static final String KEEP = "precious\n";
    private static TestingServer server;
    private static CuratorFramework client;

    @TempDir
    Path dir;

    /** One row: the command line it builds in {@code dir}, the exit code and stderr it gives, what must be intact. */
    record Row(String label, Args args, int code, Expected stderr, Intact intact) {
        @Override
        public String toString() {
            return label;
        }
    }

    @FunctionalInterface
    interface Args {
        String[] in(Path dir) throws Exception;
    }

    @FunctionalInterface
    interface Plant {
        Path in(Path dir) throws Exception;
    }

    @FunctionalInterface
    interface Expected {
        String in(Path dir);
    }

    @FunctionalInterface
    interface Intact {
        void check(Path dir, CliRun run) throws Exception;
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = new TestingServer(true);
        client = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        client.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        client.close();
        server.close();
    }

    static Stream<Row> rows() {
        return Stream.of(
                poke(
                        "auth file readable by others",
                        d -> secret(d, "digest:alice:secret\n", "rw-r--r--"),
                        d -> "twitcher: the ZooKeeper auth file " + d.resolve("auth") + " is readable by others (mode"
                                + " 0644); fix: chmod 600 " + d.resolve("auth") + "."),
                poke(
                        "auth file readable by its group",
                        d -> secret(d, "digest:alice:secret\n", "rw-r-----"),
                        d -> "twitcher: the ZooKeeper auth file " + d.resolve("auth") + " is readable by its group"
                                + " (mode 0640); fix: chmod 600 " + d.resolve("auth") + "."),
                poke(
                        "auth file missing",
                        d -> d.resolve("auth"),
                        d -> "twitcher: cannot read the ZooKeeper auth file " + d.resolve("auth") + " (no such file)."),
                poke(
                        "auth file line without a scheme",
                        d -> secret(d, "# team\nalice\n", "rw-------"),
                        d -> "twitcher: " + d.resolve("auth") + ":2: expected scheme:credentials, e.g."
                                + " digest:alice:secret."),
                poke(
                        "auth file line without credentials",
                        d -> secret(d, "digest:\n", "rw-------"),
                        d -> "twitcher: " + d.resolve("auth") + ":1: expected scheme:credentials, e.g."
                                + " digest:alice:secret."),
                poke(
                        "auth file with no credentials",
                        d -> secret(d, "# nothing\n\n", "rw-------"),
                        d -> "twitcher: the ZooKeeper auth file " + d.resolve("auth") + " holds no"
                                + " scheme:credentials line."),
                new Row(
                        "trust store password file readable by others",
                        d -> pokeArgs(
                                "--zk_tls",
                                "--zk_truststore_password_file",
                                write(d.resolve("pw"), "changeit\n", "rw-r--r--")
                                        .toString()),
                        1,
                        d -> "twitcher: the trust store password file " + d.resolve("pw") + " is readable by"
                                + " others (mode 0644); fix: chmod 600 " + d.resolve("pw") + ".",
                        HostileOptionsIT::noNode),
                new Row(
                        "key store password file readable by its group",
                        d -> pokeArgs(
                                "--zk_tls",
                                "--zk_keystore_password_file",
                                write(d.resolve("pw"), "changeit\n", "rw-r-----")
                                        .toString()),
                        1,
                        d -> "twitcher: the key store password file " + d.resolve("pw") + " is readable by its"
                                + " group (mode 0640); fix: chmod 600 " + d.resolve("pw") + ".",
                        HostileOptionsIT::noNode),
                new Row(
                        "trust store missing",
                        d -> pokeArgs(
                                "--zk_tls",
                                "--zk_truststore",
                                d.resolve("trust.p12").toString()),
                        1,
                        d -> "twitcher: cannot read the trust store " + d.resolve("trust.p12") + " (no such file).",
                        HostileOptionsIT::noNode),
                new Row(
                        "key store option without --zk_tls",
                        d -> pokeArgs("--zk_keystore", d.resolve("k.p12").toString()),
                        2,
                        d -> "twitcher: the key store and trust store options" + " need --zk_tls.",
                        HostileOptionsIT::noNode),
                new Row(
                        "acl with an unknown permission",
                        d -> pokeArgs("--acl", "world:anyone:rz"),
                        2,
                        d -> "twitcher: invalid --acl entry 'world:anyone:rz': perms must be letters of cdrwa (create,"
                                + " delete, read, write, admin).",
                        HostileOptionsIT::noNode),
                new Row(
                        "acl entry without an id",
                        d -> pokeArgs("--acl", "anyone"),
                        2,
                        d -> "twitcher: invalid --acl entry 'anyone': expected scheme:id:perms, e.g. auth::cdrwa or"
                                + " world:anyone:r.",
                        HostileOptionsIT::noNode),
                new Row(
                        "acl with an empty entry",
                        d -> pokeArgs("--acl", "world:anyone:r,"),
                        2,
                        d -> "twitcher: invalid --acl entry '': expected scheme:id:perms, e.g. auth::cdrwa or"
                                + " world:anyone:r.",
                        HostileOptionsIT::noNode),
                new Row(
                        "acl naming the creator without credentials",
                        d -> pokeArgs("--acl", "auth::cdrwa"),
                        1,
                        d -> "twitcher: cannot set /hostile/node on " + server.getConnectString() + ": the ACL is not"
                                + " valid (auth:: entries need --zk_auth_file).",
                        HostileOptionsIT::noNode),
                new Row(
                        "pidfile is a symbolic link to a precious file",
                        d -> daemonArgs(
                                d,
                                "--pidfile",
                                Files.createSymbolicLink(d.resolve("twitcher.pid"), precious(d))
                                        .toString()),
                        1,
                        d -> "twitcher: cannot create the pidfile " + d.resolve("twitcher.pid") + " (it is a symbolic"
                                + " link; give the path of a regular file).",
                        HostileOptionsIT::preciousIntact),
                new Row(
                        "pidfile in a directory others can write to",
                        d -> daemonArgs(
                                d,
                                "--pidfile",
                                sticky(d).resolve("twitcher.pid").toString()),
                        1,
                        d -> "twitcher: the pidfile " + d.resolve("shared/twitcher.pid") + " must be in a directory"
                                + " owned by root and writable by root alone, not " + d.resolve("shared") + " (uid 0,"
                                + " mode 1777); use one such as /run.",
                        (d, r) -> noFile(d.resolve("shared/twitcher.pid"))),
                new Row(
                        "pidfile in nobody's directory",
                        d -> daemonArgs(
                                d,
                                "--pidfile",
                                chown(Files.createDirectories(d.resolve("nobody")))
                                        .resolve("twitcher.pid")
                                        .toString()),
                        1,
                        d -> "twitcher: the pidfile " + d.resolve("nobody/twitcher.pid") + " must be in a directory"
                                + " owned by root and writable by root alone, not " + d.resolve("nobody") + " (uid"
                                + " 65534, mode 0755); use one such as /run.",
                        (d, r) -> noFile(d.resolve("nobody/twitcher.pid"))),
                new Row(
                        "log file is a symbolic link to a precious file",
                        d -> daemonArgs(
                                d,
                                "--logfile",
                                Files.createSymbolicLink(d.resolve("twitcher.log"), precious(d))
                                        .toString()),
                        1,
                        d -> "twitcher: cannot write the log file " + d.resolve("twitcher.log") + " (it is a symbolic"
                                + " link; give the path of a regular file).",
                        HostileOptionsIT::preciousIntact),
                new Row(
                        "check an empty directory",
                        d -> new String[] {
                            "check",
                            Files.createDirectories(d.resolve("empty")).toString(),
                            "--plugins_dir",
                            d.resolve("none").toString()
                        },
                        1,
                        d -> "twitcher: no config file found under " + d.resolve("empty") + ".",
                        (d, r) -> {}),
                new Row(
                        "check a file no loader claims",
                        d -> new String[] {
                            "check",
                            write(d.resolve("notes.txt"), "znode=/x\n", "rw-r--r--")
                                    .toString(),
                            "--plugins_dir",
                            d.resolve("none").toString()
                        },
                        1,
                        d -> "twitcher: 1 of 1 config file has errors.",
                        (d, r) -> assertEquals(
                                d.resolve("notes.txt")
                                        + ": no config loader claims this file (is the plugin for its language missing or broken? see"
                                        + " the plugin lines above)",
                                r.out().lines().findFirst().orElse(""))),
                plugins(
                        "plugin archive writable by others",
                        d -> mode(
                                Files.copy(shipped("action-http"), d.resolve("plugins/action-http.zip")), "rw-rw-rw-"),
                        d -> "Plugin action-http.zip skipped: not trusted: " + d.resolve("plugins/action-http.zip")
                                + " is writable by others (mode 0666); fix: chmod go-w "
                                + d.resolve("plugins/action-http.zip")),
                plugins(
                        "plugin archive owned by nobody",
                        d -> chown(Files.copy(shipped("action-http"), d.resolve("plugins/action-http.zip"))),
                        d -> "Plugin action-http.zip skipped: not trusted: " + d.resolve("plugins/action-http.zip")
                                + " is owned by nobody (uid 65534), not root; fix: chown root "
                                + d.resolve("plugins/action-http.zip")),
                plugins(
                        "plugin directory with a file nobody owns",
                        d -> chown(write(
                                d.resolve("plugins/unpacked/plugin.properties"), "plugin.id=unpacked\n", "rw-r--r--")),
                        d -> "Plugin unpacked skipped: not trusted: " + d.resolve("plugins/unpacked/plugin.properties")
                                + " is owned by nobody (uid 65534), not root; fix: chown root "
                                + d.resolve("plugins/unpacked/plugin.properties")),
                plugins(
                        "plugin archive escaping its directory",
                        d -> zip(d.resolve("plugins/slip.zip"), "../../escaped.txt"),
                        d -> "Plugin slip.zip skipped: cannot unpack it: its entry"
                                + " ../../escaped.txt points outside the archive"),
                plugins(
                        "plugin archive that is not a zip",
                        d -> write(d.resolve("plugins/junk.zip"), "not a zip", "rw-r--r--"),
                        d -> "Plugin archive junk.zip skipped: it is not a valid plugin (unreadable"
                                + " archive or no plugin.properties/manifest descriptor)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void givesItsOneSentenceAndLosesNothingElse(Row row) throws Exception {
        CliRun run = CliRun.of(row.args().in(dir));
        assertEquals(row.stderr().in(dir), run.err().strip(), () -> "stdout: " + run.out());
        assertEquals(row.code(), run.code());
        row.intact().check(dir, run);
    }

    // --- rows

    private static Row poke(String label, Plant authFile, Expected stderr) {
        return new Row(
                label, d -> pokeArgs("--zk_auth_file", authFile.in(d).toString()), 1, stderr, HostileOptionsIT::noNode);
    }

    private static String[] pokeArgs(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("poke", "--zkservers", server.getConnectString()));
        args.addAll(List.of(options));
        args.addAll(List.of("/hostile/node", "data"));
        return args.toArray(String[]::new);
    }

    private static String[] daemonArgs(Path d, String... options) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--log_to_stdout",
                "--zkservers",
                server.getConnectString(),
                "--config_path",
                Files.createDirectories(d.resolve("conf")).toString(),
                "--plugins_dir",
                d.resolve("none").toString()));
        if (options[0].equals("--logfile")) {
            args.remove("--log_to_stdout");
        }
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    /** A check of a config directory with a good file, with one hostile entry in its plugins directory. */
    private static Row plugins(String label, Plant plant, Expected line) {
        return new Row(
                label,
                d -> {
                    Files.createDirectories(d.resolve("plugins"));
                    plant.in(d);
                    Path conf = Files.createDirectories(d.resolve("conf"));
                    write(conf.resolve("good.properties"), "znode=/good\ncommand=true\n", "rw-r--r--");
                    return new String[] {
                        "check",
                        conf.toString(),
                        "--plugins_dir",
                        d.resolve("plugins").toString()
                    };
                },
                1,
                d -> "twitcher: 1 of the plugins in " + d.resolve("plugins") + " could not be used.",
                (d, r) -> {
                    List<String> out = r.out().lines().toList();
                    assertTrue(out.contains(line.in(d)), () -> "expected " + line.in(d) + " in " + out);
                    assertTrue(out.contains(d.resolve("conf/good.properties") + ": OK, 1 watch"), out::toString);
                    assertTrue(Files.notExists(d.resolve("escaped.txt")), "unpacked outside");
                });
    }

    // --- what must be intact

    private static void noNode(Path d, CliRun run) throws Exception {
        assertNull(client.checkExists().forPath("/hostile/node"));
    }

    private static void preciousIntact(Path d, CliRun run) throws IOException {
        assertEquals(KEEP, Files.readString(d.resolve("precious")));
    }

    private static void noFile(Path p) {
        assertTrue(Files.notExists(p, LinkOption.NOFOLLOW_LINKS), p + " was created");
    }

    // --- files

    private static Path secret(Path d, String text, String mode) throws IOException {
        return write(d.resolve("auth"), text, mode);
    }

    private static Path precious(Path d) throws IOException {
        return write(d.resolve("precious"), KEEP, "rw-r--r--");
    }

    private static Path sticky(Path d) throws IOException {
        Path shared = Files.createDirectories(d.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 01777);
        return shared;
    }

    private static Path shipped(String id) throws IOException {
        try (Stream<Path> zips = Files.list(Path.of(System.getProperty("twitcher.test.plugins", "target/plugins")))) {
            return zips.filter(z -> z.getFileName().toString().startsWith(id + "-"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static Path zip(Path target, String entry) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            out.putNextEntry(new ZipEntry("plugin.properties"));
            out.write("plugin.id=slip\nplugin.version=1.0.0\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry(entry));
            out.write("escaped".getBytes(StandardCharsets.UTF_8));
        }
        return target;
    }

    static Path write(Path file, String text, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return mode(file, mode);
    }

    private static Path mode(Path p, String mode) throws IOException {
        return Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }

    private static Path chown(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
        return p;
    }
}
