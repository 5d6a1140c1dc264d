package io.twitcher.plugin.config.jruby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Ruby way to end the process, at a file's top level and in a block action, is the file's load error or the
 * run's failure: {@code exit}, {@code exit!}, {@code abort} and their {@code Kernel.} and {@code Process.} forms, and
 * signals to the daemon itself. All cases run in one child JVM ({@link ExitGuardProbe}), which a guard that failed
 * would end early. A unit test rather than an IT only because the failsafe class path leaves JRuby out (it lives in
 * the plugin archive there).
 */
class ExitGuardTest {
    @TempDir
    Path dir;

    @Test
    void everyWayToEndTheProcessIsRefused() throws Exception {
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("exit", "exit 3");
        calls.put("exit-bang", "exit! 3");
        calls.put("abort", "abort 'no deploy today'");
        calls.put("kernel-exit", "Kernel.exit(3)");
        calls.put("kernel-exit-bang", "Kernel.exit!(3)");
        calls.put("kernel-abort", "Kernel.abort('no deploy today')");
        calls.put("process-exit", "Process.exit(3)");
        calls.put("process-exit-bang", "Process.exit!(3)");
        calls.put("process-abort", "Process.abort('no deploy today')");
        calls.put("kill-self", "Process.kill(:KILL, Process.pid)");
        // Signal 0 only checks: should the guard fail, this test must not signal its own group or every process.
        calls.put("kill-group", "Process.kill(0, 0)");
        calls.put("kill-all", "Process.kill(0, -1)");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> c : calls.entrySet()) {
            files.add(Files.writeString(dir.resolve(c.getKey() + ".rb"), c.getValue() + "\n")
                    .toString());
            files.add(Files.writeString(
                            dir.resolve(c.getKey() + "-block.rb"),
                            "register_watch(znode: '/x') { " + c.getValue() + " }\n")
                    .toString());
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ExitGuardProbe.class.getName()));
        command.addAll(files);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> "the config code ended the JVM: " + out);
        String kill = "kill unsupported or native support failed to load; see"
                + " https://github.com/jruby/jruby/wiki/Native-Libraries (NotImplementedError)";
        List<String> expected = new ArrayList<>();
        for (String name : calls.keySet()) {
            String reason = name.endsWith("exit-bang")
                    ? "exit! was called (status 3)"
                    : name.endsWith("exit")
                            ? "exit (SystemExit)"
                            : name.endsWith("abort") ? "no deploy today (SystemExit)" : kill;
            // exit! at the top level unwinds past the line tracking: the file is named without a line
            String atTop = name.endsWith("exit-bang") ? "" : "1: ";
            expected.add(name + ".rb: rejected: conf/" + name + ".rb:" + (atTop.isEmpty() ? " " : atTop) + reason);
            expected.add(name + "-block.rb: failed: conf/" + name + "-block.rb:1: " + reason);
        }
        assertEquals(expected, out.lines().filter(l -> l.contains(".rb: ")).toList());
    }
}
