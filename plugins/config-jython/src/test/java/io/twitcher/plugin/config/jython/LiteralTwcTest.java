package io.twitcher.plugin.config.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.WatchDefinition;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files of RegisterWatch calls with literal arguments are read without Jython into exactly the watches Jython makes
 * of them (origins, that is lines, included); every other file, and every file with an error, is left to Jython.
 */
class LiteralTwcTest {
    private static final JythonRuntime JYTHON = JythonRuntime.start();

    @AfterAll
    static void close() {
        JYTHON.close();
    }

    static Stream<String> literalFiles() throws Exception {
        return Stream.concat(
                Stream.of(
                        "",
                        "# nothing but a comment\n\n",
                        "RegisterWatch(znode='/a', action=Exec('date'))",
                        "RegisterWatch('/a', Exec('date'), False, True, PARALLEL, 'positional', 0, 0)\n",
                        "RegisterWatch(\n    znode='/a',\n    action=Exec(\n        'date'),\n)\n",
                        "\"\"\"A docstring.\"\"\"\n\nRegisterWatch(znode = \"/a\" , action = Exec ( [ 'ls' , '-l' , ] ) )",
                        "RegisterWatch(znode='/a', action=Exec(('ls', '-l')), run_mode=DISCARD, run_on_load=IF_CHANGED)",
                        "RegisterWatch(znode='/a', action=Exec('x'), run_on_load='if_changed', watch_type=WATCH_CHILDREN)",
                        "RegisterWatch(znode=u'/a', action=Exec(u'echo'), description=u'unicode' 'joined' \"twice\")",
                        "RegisterWatch(znode='/a', action=Exec('''multi\nline\n'''), pipe_stdin=False)\n",
                        "RegisterWatch(znode='/a', action=Exec(r'grep -E \"a\\.b\\'\" /f'), timeout=1.5)",
                        "RegisterWatch(znode='/a', action=Exec('tab\\there \\\\ \\' \\\" \\a\\b\\f\\n\\r\\v \\d \\u'))",
                        "RegisterWatch(znode='/a', action=Exec('\\N \\U'), description='cont\\\ninued')",
                        "RegisterWatch(znode='/a', action=Exec('x'), timeout=300, retries=3, retry_delay=.5,"
                                + " on_failure=STOP_WATCHING)",
                        "RegisterWatch(znode='/a', action=Exec('x'), uid='nobody', gid=65534, notify_signal=1,"
                                + " splay=10, debounce=0.25, fleet_limit=5, fleet_path='/locks/a')",
                        "RegisterWatch(znode='/a', action=Exec('x'), env={'A': 'b', 'C': u'd',}, description=None)",
                        "RegisterWatch(znode='/a', action=Exec('x'), uid=None, gid=None, timeout=None, env=None,"
                                + " on_failure=KEEP_WATCHING, retries=0, retry_delay=1e0, run_mode=QUEUE)",
                        "RegisterWatch(znode='/a', action=Webhook('http://h/x', method='PUT', headers={'X-A': 'b'},"
                                + " timeout=2.5, retries=-1, verify=True, codes=[200, (201, 202)], extra=None))",
                        "RegisterWatch(znode='/a', action=Webhook(url='https://h/'))",
                        "RegisterWatch(znode='/a', action=JavaAction('com.example.Hook', level=3, on=False))",
                        "RegisterWatch(znode='/a', action=Action('exec', command='date'))",
                        "RegisterWatch(znode='/a', action=Action(type='my-type', nested={'k': [1, 2.0, u'3']}))",
                        "RegisterWatch(znode='/a', action=Exec(' && '.join(['cd /srv', 'git pull'])))",
                        "RegisterWatch(znode='/a', action=Exec(u'\\n'.join(('a', u'b'))))",
                        "RegisterWatch(znode='/a', action=Exec(\n'x'\n)\n)\nRegisterWatch(znode='/b', action=Exec('y'))\n"
                                + "\n\n# between\nRegisterWatch(\n\n  znode='/c',  # a comment inside\n"
                                + "  action=Exec('z'))",
                        "# -*- coding: utf-8 -*-\nRegisterWatch(znode='/a', action=Exec('x'))",
                        "RegisterWatch(znode='/a', action=Exec('x'))  \n  \n\t\n# trailing\n  # indented comment\n",
                        "RegisterWatch(znode='/a', action=Exec('x'), timeout=(5))",
                        "RegisterWatch(znode='/a', action=Exec(['a', 'b',],), description='''it''s''')"),
                Stream.of("corpus/original-example.twc", "corpus/readme-example1.twc", "examples/git-deploy.twc")
                        .map(LiteralTwcTest::resource));
    }

    @ParameterizedTest
    @MethodSource("literalFiles")
    void aFileOfLiteralsIsReadAsJythonReadsIt(String source) throws Exception {
        ConfigFile file = file(source);
        List<WatchDefinition> byJython = PythonFileEvaluation.load(JYTHON, file);
        Optional<List<WatchDefinition>> literal = LiteralTwc.load(file);
        assertTrue(literal.isPresent(), "not read as literals: " + source);
        assertEquals(byJython, literal.get(), source);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "corpus/readme-example2.twc",
                "corpus/readme-doesnotwork.twc",
                "examples/services.twc",
                "examples/record-version.twc"
            })
    void aFileThatDoesMoreIsLeftToJython(String name) {
        assertFalse(LiteralTwc.load(file(resource(name))).isPresent(), name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // beyond the literals: Python that runs
                "import os\nRegisterWatch(znode='/a', action=Exec('x'))",
                "Z = '/a'\nRegisterWatch(znode=Z, action=Exec('x'))",
                "RegisterWatch(znode='/%s' % 'a', action=Exec('x'))",
                "RegisterWatch(znode='/a' + 'b', action=Exec('x'))",
                "RegisterWatch(znode='/a', action=lambda: 0)",
                "RegisterWatch(znode='/a', action=Exec('x'), **{'pipe_stdin': False})",
                "RegisterWatch(znode='/a', action=Exec('x')); RegisterWatch(znode='/b', action=Exec('x'))",
                "RegisterWatch(znode='/a', \\\n action=Exec('x'))",
                "if True:\n    RegisterWatch(znode='/a', action=Exec('x'))",
                "print 'hi'\nRegisterWatch(znode='/a', action=Exec('x'))",
                "Exec('x')\n",
                "RegisterWatch(znode='/a', action=Exec('x')).foo",
                "RegisterWatch(znode='/a', action=Exec('x'))[0]",
                "RegisterWatch(znode='/a', action=Exec(['x'][0]))",
                "RegisterWatch(znode='/a', action=Exec(','.join('abc')))",
                "RegisterWatch(znode='/a', action=Exec(','.join(sorted(['b', 'a']))))",
                "RegisterWatch(znode='/a', action=Exec('x'), run_mode=-QUEUE)",
                "RegisterWatch(znode='/a', action=Exec('x'), env={'A': 'b', 'A': 'c'})",
                "RegisterWatch(znode='/a', action=Exec('x'), env={1: 'b'})",
                // Python 2's own literals, read by Jython: octal, long, hex, complex, escapes with code points
                "RegisterWatch(znode='/a', action=Exec('x'), timeout=010)",
                "RegisterWatch(znode='/a', action=Exec('x'), timeout=10L)",
                "RegisterWatch(znode='/a', action=Exec('x'), timeout=0x10)",
                "RegisterWatch(znode='/a', action=Exec('x'), timeout=1234567890123456789)",
                "RegisterWatch(znode='/a', action=Exec('\\x41'))",
                "RegisterWatch(znode='/a', action=Exec('\\101'))",
                "RegisterWatch(znode='/a', action=Exec(u'\\u00e9'))",
                "RegisterWatch(znode='/a', action=Exec(ur'\\u00e9'))",
                "RegisterWatch(znode='/a', action=Exec(u'\\N'))",
                "# -*- coding: latin-1 -*-\nRegisterWatch(znode='/a', action=Exec('caf\u00e9'))",
                "# vim: set fileencoding=utf-16 :\nRegisterWatch(znode='/a', action=Exec('x'))",
                "RegisterWatch(znode='/a', action=Exec('x'))\r\n",
                // errors, which Jython reports in Python's words
                "RegisterWatch(znode='/a', action=Exec('x'), run_mode=7)",
                "RegisterWatch(znode='/a', action=Exec(''))",
                "RegisterWatch(znode='/a', action=Exec)",
                "RegisterWatch(znode='/a', action='date')",
                "RegisterWatch(znode='/a', action=Exec('x'), timeout=True)",
                "RegisterWatch(znode='/a', action=Exec('x'), znod='/b')",
                "RegisterWatch(znode='/a', znode='/b', action=Exec('x'))",
                "RegisterWatch(znode='/a', action=Exec('x'), print=1)",
                "RegisterWatch(action=Exec('x'), '/a')",
                "RegisterWatch(znode='/a', action=Webhook('http://h', print=1))",
                "RegisterWatch(znode='/a', action=Webhook('http://h', big=12345678901234567890))",
                "RegisterWatch(znode='/a', action=Exec('x')",
                "RegisterWatch(znode='/a', action=Exec('x))",
                "  RegisterWatch(znode='/a', action=Exec('x'))",
                "RegisterWatch(znode='/a', action=Exec('x'), description=1.2.3)",
                "RegisterWatch(znode='/a', action=Exec(\"x\ny\"))",
                "RegisterWatch(znode='/a', action=Exec(x'y'))",
                "RegisterWatch(znode=None, action=Exec('x'))",
            })
    void anythingElseIsLeftToJython(String source) {
        assertFalse(LiteralTwc.load(file(source)).isPresent(), source);
    }

    @Test
    void anErrorInAFileOfLiteralsIsReportedInJythonsWords() {
        TwcConfigLoader loader = new TwcConfigLoader();
        try {
            ConfigException e = assertThrows(
                    ConfigException.class,
                    () -> loader.load(file("# one\nRegisterWatch(znode='/a',\n action=Exec(''))\n")));
            assertEquals("conf/t.twc:2: Exec: command must not be empty", e.getMessage());
        } finally {
            loader.close();
        }
    }

    @Test
    void aDaemonWhoseFilesAreAllLiteralNeverStartsJython() throws Exception {
        TwcConfigLoader loader = new TwcConfigLoader();
        try {
            ConfigFile literal = file(resource("examples/git-deploy.twc"));
            loader.prepare(List.of(literal, file("RegisterWatch(znode='/b', action=Exec('y'))")));
            assertEquals("/git/head", loader.load(literal).get(0).znode());
            assertFalse(loader.jythonStarted());
            loader.prepare(List.of(literal, file(resource("examples/record-version.twc"))));
            assertTrue(loader.jythonStarted(), "a file with a function action: Jython starts ahead of its load");
        } finally {
            loader.close();
        }
    }

    @Test
    void aFileThatNeedsJythonStartsItAtItsLoad() throws Exception {
        TwcConfigLoader loader = new TwcConfigLoader();
        try {
            loader.load(file("RegisterWatch(znode='/a', action=Exec('x'))"));
            assertFalse(loader.jythonStarted());
            assertEquals(3, loader.load(file(resource("examples/services.twc"))).size());
            assertTrue(loader.jythonStarted());
        } finally {
            loader.close();
        }
    }

    /**
     * A file of literals is read while Jython starts ahead for another file: its load does not wait for the loader's
     * lock, which {@code prepare()} holds while the interpreter starts (held here by the test itself).
     */
    @org.junit.jupiter.api.Test
    void aFileOfLiteralsDoesNotWaitForJythonStartingAhead() throws Exception {
        TwcConfigLoader loader = new TwcConfigLoader();
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            synchronized (loader) {
                java.util.concurrent.Future<List<WatchDefinition>> load =
                        other.submit(() -> loader.load(file("RegisterWatch(znode='/a', action=Exec('x'))")));
                assertEquals(
                        1, load.get(30, java.util.concurrent.TimeUnit.SECONDS).size());
            }
        } finally {
            other.shutdownNow();
            loader.close();
        }
    }

    /**
     * The literal reader's classes name no Jython class: run in a class loader that has the plugin's classes and the
     * API but not Jython's jar, it reads a file, and no Jython class is loaded.
     */
    @Test
    void readingLiteralsNeedsNoJythonClass() throws Exception {
        URL[] path = Stream.of(LiteralTwc.class, ConfigFile.class, org.pf4j.ExtensionPoint.class)
                .map(c -> c.getProtectionDomain().getCodeSource().getLocation())
                .distinct()
                .toArray(URL[]::new);
        try (URLClassLoader noJython = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
            Class<?> fileType = noJython.loadClass(ConfigFile.class.getName());
            Constructor<?> newFile = fileType.getConstructor(Path.class, String.class, byte[].class);
            Method load = noJython.loadClass(LiteralTwc.class.getName()).getDeclaredMethod("load", fileType);
            load.setAccessible(true);
            Object read = load.invoke(
                    null,
                    newFile.newInstance(
                            Path.of("/etc/twitcher/t.twc"),
                            "conf/t.twc",
                            resource("examples/git-deploy.twc").getBytes(StandardCharsets.UTF_8)));
            assertTrue(((Optional<?>) read).isPresent());
            assertThrows(ClassNotFoundException.class, () -> noJython.loadClass("org.python.core.PyObject"));
        }
    }

    private static ConfigFile file(String source) {
        return Twc.file("t.twc", source);
    }

    private static String resource(String name) {
        try (InputStream in = LiteralTwcTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
    }
}
