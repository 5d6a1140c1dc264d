package io.twitcher.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.config.ConfigChecker;
import io.twitcher.runtime.config.ConfigChecker.FileReport;
import io.twitcher.runtime.testing.LogCapture;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example config, in src/main/configs and in the READMEs, loads with the real plugin archives; the demo runs.
 * A README example is a fenced block whose first line is {@code # example: NAME.ext} (or {@code // example:}).
 */
class ExamplesIT {
    private static final Path EXAMPLES = Path.of(System.getProperty("twitcher.examples.dir"));
    private static final Path PLUGINS = Path.of(System.getProperty("twitcher.test.plugins"));
    private static final Pattern BLOCK =
            Pattern.compile("```[a-z]*\\n(?:#|//) example: (\\S+)[^\\n]*\\n(.*?)```", Pattern.DOTALL);

    @TestFactory
    Stream<DynamicTest> everyExampleFileLoads() throws Exception {
        List<FileReport> reports = ConfigChecker.check(EXAMPLES, PLUGINS);
        assertFalse(reports.isEmpty(), "no examples found in " + EXAMPLES);
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            assertEquals(
                    files.filter(Files::isRegularFile).count(),
                    reports.size(),
                    "every file in config-examples must be claimed by a loader");
        }
        return reports.stream()
                .map(r -> DynamicTest.dynamicTest(r.displayName(), () -> {
                    assertTrue(r.ok(), r.error());
                    assertFalse(r.watches().isEmpty(), r.displayName() + " defines no watch");
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyReadmeExampleLoads(@TempDir Path dir) throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String readme : List.of("twitcher.readme", "twitcher.examples.readme", "twitcher.plugins.doc")) {
            Path file = Path.of(System.getProperty(readme));
            Matcher m = BLOCK.matcher(Files.readString(file));
            while (m.find()) {
                Path example = dir.resolve(m.group(1));
                Files.writeString(example, m.group(2));
                tests.add(DynamicTest.dynamicTest(file.getFileName() + ": " + m.group(1), () -> {
                    List<FileReport> reports = ConfigChecker.check(example, PLUGINS);
                    assertEquals(1, reports.size());
                    assertTrue(reports.get(0).ok(), reports.get(0).error());
                    assertFalse(reports.get(0).watches().isEmpty());
                }));
            }
        }
        assertTrue(tests.size() >= 3, "expected README examples, found " + tests.size());
        return tests.stream();
    }

    @Test
    void noExampleWritesAFixedNameInAWorldWritableDirectory() throws Exception {
        // A fixed name in /tmp lets any local user plant a symbolic link there that a root action then writes through.
        Pattern sharedTemp = Pattern.compile("(?<![\\w$.])/(?:var/)?tmp/[^\\s'\"]*");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Matcher m = sharedTemp.matcher(Files.readString(f));
                while (m.find()) {
                    found.add(EXAMPLES.relativize(f) + ": " + m.group());
                }
            }
        }
        for (String readme : List.of("twitcher.readme", "twitcher.examples.readme", "twitcher.plugins.doc")) {
            Matcher block = BLOCK.matcher(Files.readString(Path.of(System.getProperty(readme))));
            while (block.find()) {
                Matcher m = sharedTemp.matcher(block.group(2));
                while (m.find()) {
                    found.add(block.group(1) + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theDemoRunsWhenPoked(@TempDir Path dir) throws Exception {
        try (ZkFixture zk = new ZkFixture(dir);
                LogCapture log = new LogCapture()) {
            Files.copy(EXAMPLES.resolve("demo.properties"), zk.configDir().resolve("demo.properties"));
            zk.startTwitcher(b -> b.pluginsDir(PLUGINS));
            zk.poke("/twitcher/demo", "hello");
            await().atMost(Duration.ofSeconds(10)).until(() -> log.messages().stream()
                    .anyMatch(m -> m.contains("demo got: hello (event created, version 0)")));
        }
    }
}
