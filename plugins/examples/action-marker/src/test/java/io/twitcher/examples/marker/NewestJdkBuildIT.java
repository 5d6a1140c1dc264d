package io.twitcher.examples.marker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDK 23 stopped running annotation processors found on the class path, so a plugin built there without an explicit
 * processor would have no extension index and no extension would be found. This builds this module with the newest
 * JDK on the machine, offline, through Maven and the tree's own poms (copied unchanged beside this module's and the
 * API's sources, so the running build's target directories are left alone), and checks PF4J's index.
 */
class NewestJdkBuildIT {
    private static final Path ROOT = Path.of(System.getProperty("twitcher.root", "../../..")).toAbsolutePath()
            .normalize();
    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    @TempDir
    Path tree;

    @Test
    void newestJdkBuildListsEveryExtensionInMetaInfServices() throws Exception {
        Jdk jdk = newestJdk();
        copyBuildOf(List.of("twitcher-api/src/main", "plugins/src/plugin", "plugins/examples/action-marker/src/main"));
        Path log = tree.resolve("build.log");
        List<String> command = new ArrayList<>(List.of(maven(), "-o", "-B", "-ntp", "-q", "-pl",
                "plugins/examples/action-marker", "-am", "process-classes"));
        String repository = System.getProperty("maven.repo.local");
        if (repository != null && !repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(tree.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", jdk.home().toString());
        Process maven = builder.start();
        assertTrue(maven.waitFor(3, TimeUnit.MINUTES), "maven did not finish within 3 minutes");
        assertEquals(0, maven.exitValue(), () -> "the build on JDK " + jdk.feature() + " failed:\n" + read(log));

        Path services = tree.resolve("plugins/examples/action-marker/target/classes/META-INF/services");
        assertEquals(Map.of(
                        "io.twitcher.api.ActionType", List.of(MarkerActionType.class.getName()),
                        "io.twitcher.api.Callback", List.of(MarkerCallback.class.getName()),
                        "io.twitcher.api.ConfigLoader", List.of(MarkerConfigLoader.class.getName())),
                Map.of(
                        "io.twitcher.api.ActionType", entries(services.resolve("io.twitcher.api.ActionType")),
                        "io.twitcher.api.Callback", entries(services.resolve("io.twitcher.api.Callback")),
                        "io.twitcher.api.ConfigLoader", entries(services.resolve("io.twitcher.api.ConfigLoader"))),
                "extension index written by JDK " + jdk.feature() + " (" + jdk.home() + ")");
        // The index PF4J's finder reads inside the plugin archive.
        List<String> index = entries(tree.resolve("plugins/examples/action-marker/target/classes/META-INF/extensions.idx"));
        assertEquals(List.of(MarkerActionType.class.getName(), MarkerCallback.class.getName(),
                MarkerConfigLoader.class.getName()), index.stream().sorted().toList(),
                "extensions.idx written by JDK " + jdk.feature());
        assertTrue(jdk.feature() >= Runtime.version().feature());
    }

    record Jdk(Path home, int feature) {
    }

    /** The JDK with the highest feature version among /usr/lib/jvm and the one running this test. */
    private static Jdk newestJdk() throws IOException {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.forEach(homes::add);
            }
        }
        List<Jdk> jdks = new ArrayList<>();
        for (Path home : homes) {
            Path release = home.resolve("release");
            if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/javac"))) {
                Matcher m = VERSION.matcher(Files.readString(release));
                if (m.find()) {
                    jdks.add(new Jdk(home.toRealPath(), Integer.parseInt(m.group(1))));
                }
            }
        }
        return jdks.stream().max(Comparator.comparingInt(Jdk::feature)).orElseThrow(
                () -> new AssertionError("no JDK with javac found in " + homes));
    }

    /** Every pom of the tree, and the source directories the build of this module needs. */
    private void copyBuildOf(List<String> sourceDirs) throws IOException {
        try (Stream<Path> files = Files.walk(ROOT, 4)) {
            for (Path pom : files.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> !ROOT.relativize(p).toString().contains("target/"))
                    .toList()) {
                copy(pom);
            }
        }
        for (String dir : sourceDirs) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(dir))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    copy(file);
                }
            }
        }
    }

    private void copy(Path file) throws IOException {
        Path target = tree.resolve(ROOT.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
    }

    private static String maven() {
        String home = System.getProperty("maven.home");
        return home != null && Files.isExecutable(Path.of(home, "bin/mvn")) ? home + "/bin/mvn" : "mvn";
    }

    private static List<String> entries(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        // ServiceLoader's syntax: '#' starts a comment
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(l -> l.replaceFirst("#.*", "").strip())
                .filter(l -> !l.isEmpty()).toList();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
