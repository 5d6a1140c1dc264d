package io.twitcher.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.zookeeper.client.FourLetterWordMain;

/** Where things are and how to launch each subject: Twitcher through its launcher, the baselines, ZooKeeper. */
final class Setup {
    final Path repo;
    final Path twitcher;
    final Path lib;
    final Path work;
    final List<String> jvmOptions;
    final String java;
    private Path zkData;

    Setup(Path repo, Path work, List<String> jvmOptions) throws IOException {
        this.repo = repo;
        this.twitcher = repo.resolve("dist/target/twitcher/bin/twitcher");
        this.lib = repo.resolve("dist/target/twitcher/lib");
        this.work = work;
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (!Files.isExecutable(twitcher)) {
            throw new IllegalStateException("benchmark: build first: mvn -B -ntp -DskipTests package");
        }
        this.jvmOptions = jvmOptions != null ? jvmOptions : launcherDefaults(twitcher);
    }

    /** Deletes the work directory and the ZooKeeper data (on tmpfs: memory) once every process has stopped. */
    void cleanUp() throws IOException {
        for (Path dir : zkData == null ? List.of(work) : List.of(work, zkData)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The default JVM options in the launcher: what users get. */
    static List<String> launcherDefaults(Path launcher) throws IOException {
        Matcher m = Pattern.compile("default_java_opts=\"([^\"]*)\"").matcher(Files.readString(launcher));
        if (!m.find()) {
            throw new IllegalStateException("benchmark: no default JVM options found in " + launcher);
        }
        // The string spans lines, each ending in a backslash (bash drops backslash-newline inside double quotes).
        return List.of(m.group(1).replace("\\\n", " ").trim().split("\\s+"));
    }

    /**
     * The jars the bare Java program needs: the harness's own (a jar, not its classes directory, which a class-data
     * archive refuses), Curator, ZooKeeper, and SLF4J without a binding (no logging).
     */
    String bareClasspath() throws IOException {
        List<String> parts = new ArrayList<>();
        Path target = repo.resolve("benchmarks/target");
        try (Stream<Path> jars = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            parts.add(jars.filter(p -> p.getFileName().toString().matches("twitcher-benchmarks-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "benchmark: no benchmarks/target/twitcher-benchmarks-*.jar: build first: mvn -B -ntp"
                                    + " -DskipTests package"))
                    .toString());
        }
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(
                            p -> p.getFileName()
                                    .toString()
                                    .matches(
                                            "(curator-|zookeeper|slf4j-api|guava|failureaccess|netty-(handler|common|buffer|transport|resolver|codec)-4).*\\.jar"))
                    .forEach(p -> parts.add(p.toString()));
        }
        return String.join(":", parts);
    }

    Proc twitcher(Path config, String zk, Path log, List<String> options, String... extra) throws IOException {
        return twitcherWithCds(config, zk, log, options, cdsDir(config).toString(), extra);
    }

    /** As above with {@code TWITCHER_CDS_DIR} set to {@code cdsDir} ("" turns class-data sharing off). */
    Proc twitcherWithCds(Path config, String zk, Path log, List<String> options, String cdsDir, String... extra)
            throws IOException {
        List<String> cmd = new ArrayList<>(
                List.of(twitcher.toString(), "--zkservers", zk, "--config_path", config.toString(), "--log_to_stdout"));
        cmd.addAll(List.of(extra));
        // The override replaces the launcher's defaults; JAVA_OPTS would only be added after them.
        return Proc.start(
                cmd,
                log,
                Map.of(
                        "TWITCHER_JAVA_OPTS_OVERRIDE",
                        String.join(" ", options),
                        "JAVA_OPTS",
                        "",
                        "TWITCHER_DEFAULTS",
                        "/dev/null",
                        "TWITCHER_CDS_DIR",
                        cdsDir));
    }

    /**
     * The class-data archive directory of a daemon whose config is in {@code config}: one per config language, as on a
     * machine whose config is of one kind (the packages' /var/cache/twitcher). The first daemon to stop writes the
     * archive, later ones map it.
     */
    Path cdsDir(Path config) throws IOException {
        String language;
        try (Stream<Path> files = Files.list(config)) {
            language = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains("."))
                    .map(n -> n.substring(n.lastIndexOf('.') + 1))
                    .sorted()
                    .findFirst()
                    .orElse("none");
        }
        return cdsDir(language);
    }

    /**
     * The class-data archive directory {@code name} (created mode 0700, which the launcher requires), for daemons that
     * share one archive: the same jars, config language and JVM options.
     */
    Path cdsDir(String name) throws IOException {
        Path dir = work.resolve("cds").resolve(name);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    Proc bareJava(String zk, String znode, String command, Path log, List<String> options) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", bareClasspath(), "io.twitcher.benchmarks.BareWatcher", zk, znode, command));
        return Proc.start(cmd, log, Map.of());
    }

    /** Debian's python3 (where python3-kazoo installs), not whatever python3 comes first on the PATH. */
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    static boolean kazooInstalled() {
        return pythonRuns("import kazoo");
    }

    static boolean pythonInstalled() {
        return pythonRuns("pass");
    }

    private static boolean pythonRuns(String code) {
        try {
            return new ProcessBuilder(PYTHON, "-c", code).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    Proc kazoo(String zk, String znode, String command, Path log) throws IOException {
        return Proc.start(
                List.of(
                        PYTHON,
                        repo.resolve("benchmarks/baselines/kazoo_watcher.py").toString(),
                        zk,
                        znode,
                        command),
                log,
                Map.of());
    }

    /**
     * A ZooKeeper server in its own JVM (its CPU is measured apart), data on tmpfs, no connection limit; returned once it
     * serves, so that no session is opened while it starts (the server closes those: "ZooKeeperServer not running").
     */
    Proc zooKeeper(int port, Path dir) throws Exception {
        Proc server = startZooKeeper(port, dir);
        try {
            server.await("ZooKeeper to serve on port " + port, Duration.ofSeconds(60), () -> serving(port));
            return server;
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    /**
     * Whether the server on {@code port} answers {@code srvr} as one that serves requests, within a second: a
     * connection it accepts while it starts may never be answered nor closed (it fails on it internally), so a probe
     * that hangs is given up and the next one tried.
     */
    private static boolean serving(int port) {
        try {
            return FourLetterWordMain.send4LetterWord("127.0.0.1", port, "srvr", false, 1000)
                    .startsWith("Zookeeper version");
        } catch (Exception e) { // IOException, or X509Exception, which a plain probe never throws
            return false;
        }
    }

    private Proc startZooKeeper(int port, Path dir) throws IOException {
        Path data = Files.createDirectories(
                Path.of("/dev/shm").toFile().isDirectory()
                        ? Files.createTempDirectory(Path.of("/dev/shm"), "twitcher-bench-zk")
                        : dir.resolve("zk-data"));
        zkData = data;
        Path cfg = dir.resolve("zoo.cfg");
        Files.writeString(
                cfg,
                "tickTime=500\ndataDir=" + data + "\nclientPort=" + port
                        + "\nclientPortAddress=127.0.0.1\nmaxClientCnxns=0\nadmin.enableServer=false\nminSessionTimeout=1000"
                        + "\nmaxSessionTimeout=60000\n4lw.commands.whitelist=*\n");
        Path logback = dir.resolve("zk-logback.xml");
        Files.writeString(
                logback,
                "<configuration><appender name='o' class='ch.qos.logback.core.ConsoleAppender'>"
                        + "<encoder><pattern>%d %-5level %logger{20}: %msg%n</pattern></encoder></appender>"
                        + "<root level='WARN'><appender-ref ref='o'/></root></configuration>");
        return Proc.start(
                List.of(
                        java,
                        "-Xmx2g",
                        "-Dlogback.configurationFile=" + logback,
                        "-Dzookeeper.forceSync=no",
                        "-cp",
                        lib + "/*",
                        "org.apache.zookeeper.server.ZooKeeperServerMain",
                        cfg.toString()),
                dir.resolve("zk.log"),
                Map.of());
    }
}
