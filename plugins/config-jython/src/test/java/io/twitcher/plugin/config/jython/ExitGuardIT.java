package io.twitcher.plugin.config.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a {@code .twc} file or a function action can reach a process-ending function is refused: a reloaded or
 * re-imported {@code posix} or {@code os}, the Java class behind {@code posix}, signals to the daemon itself. Each
 * case runs in a child JVM ({@link ExitGuardProbe}), which a guard that failed would end with code 3.
 */
class ExitGuardIT {
    private static final String EXIT = "RuntimeError: os._exit() is refused: config code must not end the daemon";

    @TempDir
    Path dir;

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("reload(posix)", "import posix\nreload(posix)\nposix._exit(3)\n", 3, EXIT),
                Arguments.of("imp.reload(posix)", "import imp, posix\nimp.reload(posix)._exit(3)\n", 2, EXIT),
                Arguments.of(
                        "posix imported again after del sys.modules",
                        "import sys, posix\ndel sys.modules['posix']\nimport posix\nposix._exit(3)\n",
                        4,
                        EXIT),
                Arguments.of("reload(os)", "import os\nreload(os)\nos._exit(3)\n", 3, EXIT),
                Arguments.of(
                        "os and posix imported again after del sys.modules",
                        "import sys, os\ndel sys.modules['os']\ndel sys.modules['posix']\nimport os\nos._exit(3)\n",
                        5,
                        EXIT),
                Arguments.of("__import__", "__import__('posix')._exit(3)\n", 1, EXIT),
                Arguments.of("importlib", "import importlib\nimportlib.import_module('os')._exit(3)\n", 2, EXIT),
                Arguments.of(
                        "the Java class behind posix",
                        "from org.python.modules.posix import PosixModule\nPosixModule._exit(3)\n",
                        2,
                        EXIT),
                Arguments.of(
                        "os.abort, which Jython does not have",
                        "import os\nos.abort()\n",
                        2,
                        "AttributeError: 'module' object has no attribute 'abort'"),
                Arguments.of(
                        "SIGKILL to the daemon's own pid",
                        "import os\nos.kill(os.getpid(), 9)\n",
                        2,
                        "RuntimeError: os.kill() of the daemon, its process group or every process (pid -1) is refused:"
                                + " config code must not end the daemon"),
                Arguments.of(
                        // Signal 0 only checks: should the guard fail, this test must not signal its own group.
                        "a signal to the daemon's process group",
                        "import os\nos.kill(0, 0)\n",
                        2,
                        "RuntimeError: os.kill() of the daemon, its process group or every process (pid -1) is refused:"
                                + " config code must not end the daemon"),
                Arguments.of(
                        "a signal to every process",
                        "import posix\nposix.kill(-1, 0)\n",
                        2,
                        "RuntimeError: os.kill() of the daemon, its process group or every process (pid -1) is refused:"
                                + " config code must not end the daemon"));
    }

    @org.junit.jupiter.api.Test
    void killOfAnotherProcessStillWorks() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "1000").start();
        try {
            assertEquals(
                    "ran: RunResult[success=true, detail=returned]",
                    probe("import os\ndef deploy():\n    os.kill(" + sleeper.pid() + ", 15)\n"
                            + "RegisterWatch(znode='/deploy', action=deploy)\n"));
            assertTrue(sleeper.waitFor(60, TimeUnit.SECONDS));
            assertEquals(143, sleeper.exitValue());
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void isTheFilesLoadError(String escape, String source, int line, String error) throws Exception {
        assertEquals("rejected: conf/bad.twc:" + line + ": " + error, probe(source));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void isTheFailureOfAFunctionActionsRun(String escape, String source, int line, String error) throws Exception {
        String indented = "    " + source.strip().replace("\n", "\n    ");
        String action = "def deploy():\n" + indented + "\nRegisterWatch(znode='/deploy', action=deploy)\n";
        assertEquals("failed: " + error, probe(action));
    }

    private String probe(String source) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.twc"), source);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ExitGuardProbe.class.getName(),
                file.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> "the config code ended the JVM: " + out);
        List<String> lines = out.lines()
                .filter(l -> l.startsWith("rejected: ") || l.startsWith("failed: ") || l.startsWith("ran: "))
                .toList();
        assertEquals(1, lines.size(), out);
        return lines.get(0);
    }
}
