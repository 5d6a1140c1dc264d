package io.twitcher.plugin.config.jruby;

import static io.twitcher.plugin.config.jruby.SharedLoader.load;
import static io.twitcher.plugin.config.jruby.SharedLoader.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.RunMode;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.testing.FixedRunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example files and every Ruby snippet in the README load. */
class RubyExamplesTest {
    /** The shipped examples, kept once, in config-examples. */
    private static final Path EXAMPLES = Path.of("../../config-examples/src/main/configs");

    private static String example(String name) throws Exception {
        return Files.readString(EXAMPLES.resolve(name));
    }

    @Test
    void gitPullExampleIsAQueuedTimedExecAsNobody() throws Exception {
        WatchDefinition w = one("examples/git-pull.rb", example("git-pull.rb"));
        assertEquals("/git/head", w.znode());
        assertEquals(ActionSpec.shell("cd /srv/app && git pull --ff-only"), w.action());
        assertEquals(RunMode.QUEUE, w.runMode());
        assertEquals(Duration.ofSeconds(300), w.timeout());
        assertEquals("nobody", w.user());
        assertEquals(null, w.group());
        assertFalse(w.pipeStdin());
        assertEquals("git pull /srv/app", w.description());
        assertEquals("examples/git-pull.rb:3", w.origin());
    }

    @Test
    void jsonCheckExampleRunsItsBlockOnTheData() throws Exception {
        WatchDefinition w = one("examples/json-check.rb", example("json-check.rb"));
        assertTrue(w.action().isInline());
        assertEquals("check app settings", w.description());
        assertTrue(w.action()
                .inline()
                .run(FixedRunContext.of("{\"url\": \"db\", \"pool_size\": 4}"))
                .success());
        Exception missing =
                assertThrows(Exception.class, () -> w.action().inline().run(FixedRunContext.of("{\"url\": \"db\"}")));
        assertEquals("examples/json-check.rb:11: settings lack pool_size (ArgumentError)", missing.getMessage());
        Exception garbled =
                assertThrows(Exception.class, () -> w.action().inline().run(FixedRunContext.of("not json")));
        assertTrue(garbled.getMessage().startsWith("examples/json-check.rb:9: "), garbled.getMessage());
        assertTrue(garbled.getMessage().endsWith(" (JSON::ParserError)"), garbled.getMessage());
    }

    @Test
    void everyRubySnippetInTheReadmeLoads() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = Pattern.compile("```ruby\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> snippets = new ArrayList<>();
        while (m.find()) {
            snippets.add(m.group(1));
        }
        assertTrue(snippets.size() >= 5, "README has " + snippets.size() + " ruby snippets");
        for (int i = 0; i < snippets.size(); i++) {
            List<WatchDefinition> ws = load("README-" + (i + 1) + ".rb", snippets.get(i));
            assertFalse(ws.isEmpty(), "README snippet " + (i + 1) + " defines no watch:\n" + snippets.get(i));
        }
    }
}
