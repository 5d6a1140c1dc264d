package io.twitcher.dist;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built tree {@code target/twitcher/} run through its real launcher, as child processes. */
class DistIT {
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final String VERSION = System.getProperty("twitcher.version", "1.0.0");
    private static final List<String> EVERY_OPTION = List.of(
            "-d",
            "--debug",
            "-v",
            "--verbose",
            "--daemonize",
            "--pidfile",
            "--logfile",
            "--log_to_stdout",
            "--devel",
            "--config_path",
            "--zkservers",
            "--plugins_dir",
            "--embedded-zk",
            "--session_timeout",
            "--parallel_cap",
            "--shutdown_grace",
            "--version",
            "--help");

    private static TestingServer server;
    private static CuratorFramework client;

    @TempDir
    Path dir;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer(true);
        client = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        client.start();
        assertTrue(client.blockUntilConnected(30, TimeUnit.SECONDS));
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void versionPrintsTheProjectVersion() throws Exception {
        Launcher.Result run = twitcher("--version");
        assertEquals(0, run.code(), run.err());
        assertEquals("twitcher " + VERSION + "\n", run.out());
    }

    @Test
    void helpListsEveryOptionAndThePluginsDirectoryOfTheTree() throws Exception {
        Launcher.Result run = twitcher("--help");
        assertEquals(0, run.code(), run.err());
        for (String option : EVERY_OPTION) {
            assertTrue(run.out().contains(option), option + " missing from:\n" + run.out());
        }
        // The help wraps at 100 columns, inside a long path too (a checkout in a deep directory).
        String plugins = Launcher.home().resolve("plugins").toString();
        assertTrue(run.out().replaceAll("\\s+", "").contains(plugins.replaceAll("\\s+", "")), run.out());
    }

    @Test
    void aBadOptionIsOneSentenceAndExitCode2() throws Exception {
        Launcher.Result run = twitcher("--no-such-option");
        assertEquals(2, run.code());
        assertEquals("twitcher: unknown option: '--no-such-option' (see 'twitcher --help').\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void checkOfAMissingPathIsOneSentenceAndExitCode1() throws Exception {
        Launcher.Result run = twitcher("check", dir.resolve("absent").toString());
        assertEquals(1, run.code());
        assertEquals("twitcher: the config path " + dir.resolve("absent") + " does not exist.\n", run.err());
    }

    @Test
    void pokeSetsTheDataCreatingParents() throws Exception {
        Launcher.Result run = twitcher("poke", "--zkservers", server.getConnectString(), "/dist/git/head", "abc");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.out() + run.err());
        assertEquals("abc", new String(client.getData().forPath("/dist/git/head"), StandardCharsets.UTF_8));
        assertEquals(0, client.getData().forPath("/dist/git").length);
    }

    @Test
    void pokeToAnUnreachableZooKeeperIsOneSentenceWithinTenSeconds() throws Exception {
        int port = freePort();
        long started = System.nanoTime();
        Launcher.Result run = twitcher("poke", "--zkservers", "127.0.0.1:" + port, "/x", "y");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertEquals(1, run.code());
        assertEquals("twitcher: cannot reach ZooKeeper at 127.0.0.1:" + port + " within 5 seconds.\n", run.err());
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    @Test
    void zkserversComesFromTheDefaultsFileUnlessTheCommandLineGivesIt() throws Exception {
        Path defaults = dir.resolve("twitcher.defaults");
        Files.writeString(defaults, "ZKSERVERS=" + server.getConnectString() + "\n");
        Launcher.Result fromDefaults = Launcher.run(
                COMMAND, Map.of("TWITCHER_DEFAULTS", defaults.toString()), "poke", "/dist/from-defaults", "d");
        assertEquals(0, fromDefaults.code(), fromDefaults.err());
        assertEquals("d", new String(client.getData().forPath("/dist/from-defaults"), StandardCharsets.UTF_8));

        Files.writeString(defaults, "ZKSERVERS=127.0.0.1:" + freePort() + "\n");
        Launcher.Result explicit = Launcher.run(
                COMMAND,
                Map.of("TWITCHER_DEFAULTS", defaults.toString()),
                "poke",
                "--zkservers=" + server.getConnectString(),
                "/dist/explicit",
                "e");
        assertEquals(0, explicit.code(), explicit.err());
        assertEquals("e", new String(client.getData().forPath("/dist/explicit"), StandardCharsets.UTF_8));
    }

    @Test
    void javaOptsFromTheDefaultsFileReachTheJvmSplitOnSpaces() throws Exception {
        Path defaults = dir.resolve("twitcher.defaults");
        Files.writeString(defaults, "JAVA_OPTS=\"-Dtwitcher.test.marker=yes -XshowSettings:properties\"\n");
        Launcher.Result run = Launcher.run(COMMAND, Map.of("TWITCHER_DEFAULTS", defaults.toString()), "--version");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("twitcher.test.marker = yes"), run.err());
    }

    @Test
    void javaOptsAddToTheDefaultOptionsAndTheOverrideReplacesThem() throws Exception {
        Path defaults = dir.resolve("twitcher.defaults");
        Files.writeString(defaults, "JAVA_OPTS=\"-XX:+PrintCommandLineFlags -XX:+UseSerialGC\"\n");
        Launcher.Result added = Launcher.run(COMMAND, Map.of("TWITCHER_DEFAULTS", defaults.toString()), "--version");
        assertEquals(0, added.code(), added.err());
        assertTrue(added.out().contains("-XX:MaxHeapSize=268435456"), "the default heap cap is gone:\n" + added.out());
        assertTrue(added.out().contains("-XX:TieredStopAtLevel=1"), added.out());
        assertTrue(
                added.out().contains("-XX:CompileCommand=CompileThresholdScaling,io/twitcher/runtime/watch/*.*,0.05"),
                "the event path's compile thresholds are gone:\n" + added.out());

        Files.writeString(defaults, "TWITCHER_JAVA_OPTS_OVERRIDE=\"-Xmx96m\"\nJAVA_OPTS=-XX:+PrintCommandLineFlags\n");
        Launcher.Result replaced = Launcher.run(COMMAND, Map.of("TWITCHER_DEFAULTS", defaults.toString()), "--version");
        assertEquals(0, replaced.code(), replaced.err());
        assertTrue(replaced.out().contains("-XX:MaxHeapSize=100663296"), replaced.out());
        assertFalse(replaced.out().contains("-XX:TieredStopAtLevel=1"), replaced.out());
    }

    @Test
    void theServiceWithoutZkserversStopsWithOneSentence() throws Exception {
        Path defaults = dir.resolve("twitcher.defaults");
        Files.writeString(defaults, "#ZKSERVERS=\n");
        Launcher.Result run =
                Launcher.run(COMMAND, Map.of("TWITCHER_DEFAULTS", defaults.toString(), "TWITCHER_SERVICE", "1"));
        assertEquals(78, run.code());
        assertEquals(
                "twitcher: ZKSERVERS is not set: set it to your ZooKeeper servers in " + defaults
                        + ", then start the service again.\n",
                run.err());
        assertEquals("", run.out());
    }

    @Test
    void anOldJavaIsOneSentence() throws Exception {
        Path fakeHome = Files.createDirectories(dir.resolve("jdk8/bin"));
        Path java = fakeHome.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho should not run >&2\nexit 3\n");
        java.toFile().setExecutable(true);
        Files.writeString(dir.resolve("jdk8/release"), "JAVA_VERSION=\"1.8.0_402\"\n");
        Launcher.Result run =
                Launcher.run(COMMAND, Map.of("JAVA_HOME", dir.resolve("jdk8").toString()), "--version");
        assertEquals(1, run.code());
        assertEquals(
                "twitcher: " + java + " is Java 1.8.0_402, too old: set JAVA_HOME or put a Java 17 (or newer) java"
                        + " on the PATH.\n",
                run.err());
    }

    @Test
    void aDaemonOnAReadOnlyTreeWritesNothingInIt() throws Exception {
        // The packages install the tree under /usr, which the daemon must never write to: PF4J loads the
        // pre-unpacked plugins in place. Compare the tree before and after a daemon ran a .twc action.
        Map<String, Long> before = snapshot(Launcher.home());
        Path conf = Files.createDirectory(dir.resolve("conf"));
        Files.writeString(
                conf.resolve("marker.twc"),
                "RegisterWatch('/dist/readonly', Exec('cat > " + dir.resolve("ran") + "'))\n");
        try (Launcher daemon = Launcher.start(
                Map.of(),
                "--zkservers",
                server.getConnectString(),
                "--log_to_stdout",
                "--config_path",
                conf.toString())) {
            daemon.awaitOutput("Daemon ready", COMMAND);
            client.create()
                    .orSetData()
                    .creatingParentsIfNeeded()
                    .forPath("/dist/readonly", "poked".getBytes(StandardCharsets.UTF_8));
            await().atMost(COMMAND)
                    .until(() -> Files.exists(dir.resolve("ran"))
                            && Files.readString(dir.resolve("ran")).equals("poked"));
            assertEquals(0, daemon.stop(COMMAND), daemon.output());
        }
        assertEquals(before, snapshot(Launcher.home()));
    }

    /**
     * Application class-data sharing: the daemon's first stop writes an archive of its classes into
     * {@code TWITCHER_CDS_DIR}, the next start maps it; {@code check} never touches it; an archive or a directory that
     * others could write is refused in one line and never mapped (a root daemon would run code from it).
     */
    @Test
    void theDaemonsStopWritesAClassDataArchiveItsNextStartMapsUnlessOthersCouldWriteIt() throws Exception {
        Path cache = Files.createDirectory(
                dir.resolve("cache"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path conf = Files.createDirectory(dir.resolve("conf"));
        Files.writeString(conf.resolve("a.properties"), "znode=/dist/cds\ncommand=cat > " + dir.resolve("ran") + "\n");
        Map<String, String> env = Map.of("TWITCHER_CDS_DIR", cache.toString());
        String[] args = {"--zkservers", server.getConnectString(), "--log_to_stdout", "--config_path", conf.toString()};

        try (Launcher daemon = Launcher.start(env, args)) {
            daemon.awaitOutput("Daemon ready", COMMAND);
            assertFalse(maps(daemon.pid()).contains(cache.toString()), "no archive yet");
            assertEquals(0, daemon.stop(COMMAND), daemon.output());
            assertFalse(daemon.output().contains("cds"), daemon.output()); // the JVM's CDS warnings stay silent
        }
        List<String> written = names(cache);
        assertEquals(1, written.size(), written.toString());
        assertTrue(written.get(0).matches("twitcher-[A-Za-z0-9_]+-[0-9]+\\.jsa\\.tmp-[0-9]+"), written.toString());

        assertEquals(0, Launcher.run(COMMAND, env, "check", conf.toString()).code());
        assertEquals(written, names(cache), "check leaves the archive alone");

        String archive;
        try (Launcher daemon = Launcher.start(env, args)) {
            daemon.awaitOutput("Daemon ready", COMMAND);
            archive = cache.resolve(written.get(0).replaceAll("\\.tmp-[0-9]+$", ""))
                    .toString();
            assertTrue(maps(daemon.pid()).contains(archive), "the archive is mapped: " + names(cache));
            client.create().orSetData().creatingParentsIfNeeded().forPath("/dist/cds", "on CDS".getBytes());
            await().atMost(COMMAND)
                    .until(() -> Files.exists(dir.resolve("ran"))
                            && Files.readString(dir.resolve("ran")).equals("on CDS"));
            assertEquals(0, daemon.stop(COMMAND), daemon.output());
        }
        assertEquals(List.of(Path.of(archive).getFileName().toString()), names(cache), "used, not written again");

        Files.setPosixFilePermissions(Path.of(archive), PosixFilePermissions.fromString("rw-rw-r--"));
        try (Launcher daemon = Launcher.start(env, args)) {
            daemon.awaitOutput("Daemon ready", COMMAND);
            assertFalse(maps(daemon.pid()).contains(archive), "a group-writable archive is not mapped");
            assertEquals(0, daemon.stop(COMMAND), daemon.output());
            assertTrue(
                    daemon.output()
                            .startsWith(
                                    "twitcher: not using the class-data archive " + archive + ": it must belong to "),
                    daemon.output());
        }

        Files.delete(Path.of(archive));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (Launcher daemon = Launcher.start(env, args)) {
            daemon.awaitOutput("Daemon ready", COMMAND);
            assertEquals(0, daemon.stop(COMMAND), daemon.output());
            assertTrue(
                    daemon.output()
                            .startsWith(
                                    "twitcher: not using the class-data directory " + cache + ": it must belong to "),
                    daemon.output());
        }
        assertEquals(List.of(), names(cache), "nothing written in a directory others can write");

        Path missing = dir.resolve("no-such-cache");
        try (Launcher daemon = Launcher.start(Map.of("TWITCHER_CDS_DIR", missing.toString()), args)) {
            daemon.awaitOutput("Daemon ready", COMMAND);
            assertEquals(0, daemon.stop(COMMAND), daemon.output());
            assertTrue(
                    daemon.output()
                            .startsWith("twitcher: not using the class-data directory " + missing
                                    + ": it is not a directory (create it, mode 0700).\n"),
                    daemon.output());
        }
        assertFalse(Files.exists(missing));
    }

    /**
     * jffi's stub library (the native half of jnr-ffi, through which actions are spawned) is mapped from the
     * installation's {@code lib/jni/}: the daemon, root on every machine, writes no native library at run time. Without
     * it jffi unpacks the stub from its jar into {@code java.io.tmpdir} (into its working directory when that one is
     * mounted noexec) at every start and loads it from there.
     */
    @Test
    void jffisStubIsMappedFromTheInstallationNotUnpackedAtRunTime() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path conf = Files.createDirectory(dir.resolve("conf"));
        Files.writeString(conf.resolve("a.properties"), "znode=/dist/stub\ncommand=cat > " + dir.resolve("ran") + "\n");
        try (Launcher daemon = Launcher.start(
                Map.of("JAVA_OPTS", "-Djava.io.tmpdir=" + tmp),
                "--zkservers",
                server.getConnectString(),
                "--log_to_stdout",
                "--config_path",
                conf.toString())) {
            daemon.awaitOutput("Daemon ready", COMMAND);
            client.create().orSetData().creatingParentsIfNeeded().forPath("/dist/stub", "spawned".getBytes());
            // the action ran, so the binding it was spawned through is made
            await().atMost(COMMAND)
                    .until(() -> Files.exists(dir.resolve("ran"))
                            && Files.readString(dir.resolve("ran")).equals("spawned"));
            List<String> stubs = maps(daemon.pid())
                    .lines()
                    .filter(line -> line.contains("jffi"))
                    .map(line -> line.substring(line.indexOf('/')))
                    .distinct()
                    .toList();
            assertEquals(
                    List.of(Launcher.home()
                            .resolve("lib/jni/" + jffiPlatform() + "/libjffi-1.2.so")
                            .toString()),
                    stubs);
            assertEquals(List.of(), names(tmp), "nothing unpacked into java.io.tmpdir");
            assertEquals(0, daemon.stop(COMMAND), daemon.output());
        }
    }

    /** jffi's name for this machine's platform directory, as in its native jar: {@code x86_64-Linux}, {@code aarch64-Linux}. */
    private static String jffiPlatform() {
        String arch = System.getProperty("os.arch");
        return (arch.equals("amd64") ? "x86_64" : arch) + "-Linux";
    }

    private static String maps(long pid) throws IOException {
        return Files.readString(Path.of("/proc/" + pid + "/maps"));
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theAdminsOwnPluginsLoadBesideThePluginsDirectory() throws Exception {
        Path local = Files.createDirectory(dir.resolve("local-plugins"));
        for (String plugin : List.of("config-properties", "action-exec")) {
            copyTree(Launcher.home().resolve("plugins").resolve(plugin), local.resolve(plugin));
        }
        Path conf = Files.createDirectory(dir.resolve("conf"));
        Files.writeString(conf.resolve("local.properties"), "znode=/dist/local\ncommand=true\n");
        Path noPlugins = Files.createDirectory(dir.resolve("no-plugins"));
        Launcher.Result run = Launcher.run(
                COMMAND,
                Map.of("TWITCHER_LOCAL_PLUGINS", local.toString()),
                "check",
                "--plugins_dir",
                noPlugins.toString(),
                conf.toString());
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("1 OK"), run.out() + run.err());
        assertTrue(run.out().contains("1 watch."), run.out() + run.err());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static Map<String, Long> snapshot(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            Map<String, Long> out = new TreeMap<>();
            for (Path p : (Iterable<Path>) files::iterator) {
                out.put(root.relativize(p).toString(), Files.isDirectory(p) ? -1L : Files.size(p));
            }
            return out;
        }
    }

    @Test
    void aSymlinkedLauncherFindsItsInstallation() throws Exception {
        Path absolute = Files.createSymbolicLink(dir.resolve("twitcher"), Launcher.script());
        Path relative = Files.createSymbolicLink(dir.resolve("relative"), dir.relativize(Launcher.script()));
        Path chained = Files.createSymbolicLink(dir.resolve("chained"), Path.of("relative"));
        for (Path link : List.of(absolute, relative, chained)) {
            Launcher.Result run = Launcher.runCommand(COMMAND, Map.of(), List.of(link.toString(), "--version"));
            assertEquals("twitcher " + VERSION + "\n", run.out(), link + ": " + run.err());
        }
    }

    @Test
    void withoutJavaTheLauncherSaysSoInOneSentence() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        for (String tool : List.of("bash", "dirname", "readlink", "env")) {
            Path real = Stream.of("/usr/bin/", "/bin/")
                    .map(d -> Path.of(d + tool))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseThrow();
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", null);
        env.put("PATH", bin.toString());
        Launcher.Result run = Launcher.run(COMMAND, env, "--version");
        assertEquals(1, run.code());
        assertEquals(
                "twitcher: no java found: set JAVA_HOME or put a Java 17 (or newer) java on the PATH.\n", run.err());
    }

    @Test
    void theTreeHasLauncherJarsPluginsAndConfigsAndTheTarballHoldsTheSame() throws Exception {
        Path home = Launcher.home();
        assertTrue(Files.getPosixFilePermissions(Launcher.script()).contains(PosixFilePermission.OTHERS_EXECUTE));
        assertTrue(Files.exists(home.resolve("lib/twitcher-runtime-" + VERSION + ".jar")));
        assertTrue(Files.exists(home.resolve("lib/zookeeper-3.9.3.jar"))
                || list(home.resolve("lib")).stream().anyMatch(n -> n.startsWith("zookeeper-")));
        for (String plugin : List.of(
                "action-exec", "action-http", "action-java", "config-properties", "config-jython", "config-jruby")) {
            assertTrue(Files.exists(home.resolve("plugins/" + plugin + "/plugin.properties")), plugin);
            assertTrue(
                    Files.exists(home.resolve("plugins/" + plugin + "/lib/" + plugin + "-" + VERSION + ".jar")),
                    plugin);
        }
        assertTrue(
                list(home.resolve("plugins")).stream().noneMatch(n -> n.endsWith(".zip") || n.endsWith(".jar")),
                "plugins/ holds an archive that PF4J would unpack at run time");
        assertTrue(
                list(home.resolve("lib")).stream().noneMatch(n -> n.startsWith("netty-tcnative-boringssl-static")),
                "lib/ holds netty-tcnative, which the daemon never loads");
        assertFalse(
                list(home.resolve("lib")).stream()
                        .anyMatch(n -> n.startsWith("action-exec") || n.startsWith("config-properties")),
                "a plugin's jar is on the daemon's class path");
        assertFalse(list(home.resolve("conf")).isEmpty(), "conf/ is empty");

        Path tarball = Path.of(System.getProperty("twitcher.dist.tarball", "target/twitcher-" + VERSION + ".tar.gz"));
        Launcher.Result listing = Launcher.runCommand(COMMAND, Map.of(), List.of("tar", "tzvf", tarball.toString()));
        assertEquals(0, listing.code(), listing.err());
        String prefix = "twitcher-" + VERSION + "/";
        TreeSet<String> inTarball = new TreeSet<>();
        for (String line : listing.out().split("\n")) {
            String name = line.substring(line.indexOf(prefix) + prefix.length());
            if (!line.startsWith("d")) {
                inTarball.add(name);
            }
            if (name.equals("bin/twitcher")) {
                assertTrue(line.startsWith("-rwxr-xr-x"), line);
            }
        }
        TreeSet<String> inTree;
        try (Stream<Path> files = Files.walk(home)) {
            inTree = files.filter(Files::isRegularFile)
                    .map(p -> home.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(inTree, inTarball);
    }

    @Test
    void theEmbeddedZooKeeperStartsFromTheTreesJars() throws Exception {
        int port = freePort();
        try (Launcher daemon = Launcher.start(
                Map.of(),
                "--embedded-zk=" + port,
                "--log_to_stdout",
                "--config_path",
                Launcher.home().resolve("conf").toString())) {
            daemon.awaitOutput("Embedded ZooKeeper listening on 127.0.0.1:" + port, COMMAND);
            daemon.awaitOutput("Twitcher " + VERSION + " starting: zkservers=127.0.0.1:" + port, COMMAND);
            assertFalse(daemon.output().contains("NoClassDefFoundError"), daemon.output());
            if (daemon.isAlive()) {
                daemon.stop(COMMAND);
            }
        }
    }

    private Launcher.Result twitcher(String... args) throws Exception {
        return Launcher.run(COMMAND, Map.of(), args);
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
