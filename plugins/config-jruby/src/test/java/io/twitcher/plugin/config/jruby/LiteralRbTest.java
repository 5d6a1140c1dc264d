package io.twitcher.plugin.config.jruby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.WatchDefinition;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files of register_watch calls with literal arguments are read without JRuby into exactly the watches JRuby makes of
 * them (origins, that is lines, included); every other file, and every file with an error, is left to JRuby.
 */
class LiteralRbTest {
    private static final RubyRuntime JRUBY = RubyRuntime.start();
    private static final Path EXAMPLES = Path.of("../../config-examples/src/main/configs");

    @AfterAll
    static void close() {
        JRUBY.close();
    }

    static Stream<String> literalFiles() throws Exception {
        return Stream.of(
                "",
                "# nothing but a comment\n\n",
                "register_watch znode: '/a', action: exec('date')",
                "register_watch(znode: '/a', action: exec('date'))\n",
                "register_watch '/a', exec('date'), run_mode: :parallel\n",
                "register_watch('/a', exec('ls', '-l'), run_mode: DISCARD, run_on_load: :if_changed)",
                "register_watch znode: '/a',\n               action: exec(['ls', '-l']),   # a comment\n"
                        + "               timeout: 300,\n\n               pipe_stdin: false\n",
                "register_watch(\n  znode: \"/a\",\n  action: exec(\"tab\\there \\\\ \\\" \\n \\s \\e \\a\"),\n)\n",
                "register_watch :znode => '/a', :action => exec('x \\d \\\\ \\' y'), :description => 'single'",
                "register_watch znode: '/a', action: exec('multi\nline'), description: \"two\nlines\"\n"
                        + "register_watch znode: '/b', action: exec('y')",
                "register_watch znode: '/a', action: exec('x'), timeout: 1.5, retries: 3, retry_delay: 0.5,"
                        + " on_failure: :stop_watching",
                "register_watch znode: '/a', action: exec('x'), uid: 'nobody', gid: 65534, notify_signal: :HUP,"
                        + " splay: 10, debounce: 0.25, fleet_limit: 5, fleet_path: '/locks/a'",
                "register_watch znode: '/a', action: exec('x'), notify_signal: 'TERM', watch_type: :children",
                "register_watch znode: '/a', action: exec('x'), env: { 'A' => 'b', C: 'd', :e => 'f' }, description: nil",
                "register_watch znode: '/a', action: exec('x'), uid: nil, gid: nil, timeout: nil, env: nil,"
                        + " run_mode: QUEUE, watch_type: WATCH_DATA, on_failure: 'keep_watching', retry_delay: 1e0",
                "register_watch znode: '/a', action: webhook('http://h/x', method: 'PUT', headers: { 'X-A' => 'b' },"
                        + " timeout: 2.5, retries: -1, verify: true, codes: [200, [201, 202]], extra: nil, sym: :s)",
                "register_watch znode: '/a', action: webhook(url: 'https://h/')",
                "register_watch znode: '/a', action: java_action('com.example.Hook', level: 3, on: false)",
                "register_watch znode: '/a', action: java_action(:audit)",
                "register_watch znode: '/a', action: action(:exec, command: 'date')",
                "register_watch znode: '/a', action: action('my-type', nested: { k: [1, 2.0, '3'] })",
                "register_watch(znode: '/a',\n  action: exec('x'))\nregister_watch znode: '/b', action: exec('y')\n\n"
                        + "# between\nregister_watch(\n\n  znode: '/c',\n  action: exec('z')\n)",
                "# frozen_string_literal: true\n# encoding: utf-8\nregister_watch znode: '/a', action: exec('x')",
                "register_watch znode: '/a', action: exec('x')  \n  \n\t\n# trailing\n  # indented comment\n",
                "  register_watch znode: '/a', action: exec('x')\n",
                "register_watch(znode: '/a', action: exec(['a', 'b',],),)",
                "register_watch(znode: '/a', action: exec([\n'a',\n 'b'\n]\n), env: {\n 'A' => 'b',\n 'C' => 'd'\n }\n)",
                "register_watch znode: '/a', action: exec(\n  'x'\n), env: {\n  'A' => 'b'\n}, timeout: 5\n",
                "register_watch '/a',\n  exec(['ls',\n  '-l'])\n",
                example("git-pull.rb"));
    }

    @ParameterizedTest
    @MethodSource("literalFiles")
    void aFileOfLiteralsIsReadAsJRubyReadsIt(String source) throws Exception {
        ConfigFile file = file(source);
        List<WatchDefinition> byJRuby = JRUBY.load(file);
        Optional<List<WatchDefinition>> literal = LiteralRb.load(file);
        assertTrue(literal.isPresent(), "not read as literals: " + source);
        assertEquals(byJRuby, literal.get(), source);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // beyond the literals: Ruby that runs
                "require 'json'\nregister_watch znode: '/a', action: exec('x')",
                "z = '/a'\nregister_watch znode: z, action: exec('x')",
                "register_watch znode: \"/#{1}\", action: exec('x')",
                "register_watch znode: '/a' + 'b', action: exec('x')",
                "register_watch znode: '/a' do |data|\n  puts data\nend",
                "register_watch(znode: '/a') { puts 1 }",
                "register_watch znode: '/a', action: -> { 1 }",
                "register_watch znode: '/a', action: exec('x'); register_watch znode: '/b', action: exec('x')",
                "register_watch znode: '/a', \\\n action: exec('x')",
                "if true\n  register_watch znode: '/a', action: exec('x')\nend",
                "exec('x')\n",
                "register_watch(znode: '/a', action: exec('x')).inspect",
                "register_watch znode: '/a', action: exec(%w[a b])",
                "register_watch znode: '/a', action: exec 'x'",
                "register_watch znode: '/a', action: exec ('x')",
                "register_watch (znode: '/a', action: exec('x'))",
                "register_watch znode: '/a', action: exec('x'), timeout: 1_000",
                "register_watch znode: '/a', action: exec('x'), timeout: 010",
                "register_watch znode: '/a', action: exec('x'), timeout: 0x10",
                "register_watch znode: '/a', action: exec('x'), timeout: 3r",
                "register_watch znode: '/a', action: exec('x'), timeout: 1234567890123456789",
                "register_watch znode: '/a', action: exec(\"\\x41\")",
                "register_watch znode: '/a', action: exec(\"\\u00e9\")",
                "register_watch znode: '/a', action: exec(\"a\\\nb\")",
                "register_watch znode: '/a', action: exec('caf\u00e9')",
                "# encoding: utf-16\nregister_watch znode: '/a', action: exec('x')",
                "register_watch znode: '/a', action: exec('x')\r\n",
                "register_watch znode: '/a', action: exec('x'), env: { 'A' => 'b', 'A' => 'c' }",
                "register_watch znode: '/a', znode: '/b', action: exec('x')",
                "register_watch znode: '/a', action: exec('x'), run_mode: :queue?",
                "__END__\nregister_watch znode: '/a', action: exec('x')",
                // a line end before a comma: a syntax error in Ruby
                "register_watch(znode: '/a'\n, action: exec('x'))",
                "register_watch znode: '/a', action: exec(['a'\n, 'b'])",
                "register_watch znode: '/a', action: exec('x'), env: { 'A' => 'b'\n, 'C' => 'd' }",
                // errors, which JRuby reports in its words
                "register_watch znode: '/a', action: exec('x'), run_mode: 7",
                "register_watch znode: '/a', action: exec('')",
                "register_watch znode: '/a', action: 'date'",
                "register_watch znode: '/a', action: exec('x'), timeout: true",
                "register_watch znode: '/a', action: exec('x'), znod: '/b'",
                "register_watch action: exec('x'), '/a'",
                "register_watch znode: '/a', action: exec('x', y: 1)",
                "register_watch znode: '/a', action: webhook('http://h', big: 12345678901234567890)",
                "register_watch znode: '/a', action: exec('x'",
                "register_watch znode: '/a', action: exec('x)",
                "register_watch znode: nil, action: exec('x')",
                "register_watch",
                "register_watch({ znode: '/a', action: exec('x') })",
            })
    void anythingElseIsLeftToJRuby(String source) {
        assertFalse(LiteralRb.load(file(source)).isPresent(), source);
    }

    @org.junit.jupiter.api.Test
    void anErrorInAFileOfLiteralsIsReportedInJRubysWords() {
        RubyConfigLoader loader = new RubyConfigLoader();
        try {
            ConfigException e = assertThrows(
                    ConfigException.class,
                    () -> loader.load(file("# one\nregister_watch znode: '/a',\n  action: exec('')\n")));
            // JRuby names the line the statement starts on
            assertEquals("t.rb:2: exec: the command must not be empty", e.getMessage());
        } finally {
            loader.close();
        }
    }

    @org.junit.jupiter.api.Test
    void aDaemonWhoseFilesAreAllLiteralNeverStartsJRuby() throws Exception {
        RubyConfigLoader loader = new RubyConfigLoader();
        try {
            ConfigFile literal = file(example("git-pull.rb"));
            loader.prepare(List.of(literal, file("register_watch znode: '/b', action: exec('y')")));
            assertEquals("/git/head", loader.load(literal).get(0).znode());
            assertFalse(loader.started());
            loader.prepare(List.of(literal, file(example("json-check.rb"))));
            assertTrue(loader.started(), "a file with a block: JRuby starts ahead of its load");
        } finally {
            loader.close();
        }
    }

    /**
     * A file of literals is read while JRuby starts ahead for another file: its load does not wait for the loader's
     * lock, which {@code prepare()} holds while the interpreter starts (held here by the test itself).
     */
    @org.junit.jupiter.api.Test
    void aFileOfLiteralsDoesNotWaitForJRubyStartingAhead() throws Exception {
        RubyConfigLoader loader = new RubyConfigLoader();
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            synchronized (loader) {
                java.util.concurrent.Future<List<WatchDefinition>> load =
                        other.submit(() -> loader.load(file("register_watch znode: '/a', action: exec('x')")));
                assertEquals(
                        1, load.get(30, java.util.concurrent.TimeUnit.SECONDS).size());
            }
        } finally {
            other.shutdownNow();
            loader.close();
        }
    }

    /**
     * The literal reader's classes name no JRuby class: run in a class loader that has the plugin's classes and the
     * API but not JRuby's jar, it reads a file, and no JRuby class is loaded.
     */
    @org.junit.jupiter.api.Test
    void readingLiteralsNeedsNoJRubyClass() throws Exception {
        URL[] path = Stream.of(LiteralRb.class, ConfigFile.class, org.pf4j.ExtensionPoint.class)
                .map(c -> c.getProtectionDomain().getCodeSource().getLocation())
                .distinct()
                .toArray(URL[]::new);
        try (URLClassLoader noJRuby = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
            Class<?> fileType = noJRuby.loadClass(ConfigFile.class.getName());
            Constructor<?> newFile = fileType.getConstructor(Path.class, String.class, byte[].class);
            Method load = noJRuby.loadClass(LiteralRb.class.getName()).getDeclaredMethod("load", fileType);
            load.setAccessible(true);
            Object read = load.invoke(
                    null,
                    newFile.newInstance(
                            Path.of("/etc/twitcher/t.rb"),
                            "t.rb",
                            example("git-pull.rb").getBytes(StandardCharsets.UTF_8)));
            assertTrue(((Optional<?>) read).isPresent());
            assertThrows(ClassNotFoundException.class, () -> noJRuby.loadClass("org.jruby.Ruby"));
        }
    }

    static ConfigFile file(String source) {
        return new ConfigFile(Path.of("/etc/twitcher/t.rb"), "t.rb", source.getBytes(StandardCharsets.UTF_8));
    }

    private static String example(String name) {
        try {
            return Files.readString(EXAMPLES.resolve(name));
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
    }
}
