package io.twitcher.plugin.config.jython;

import io.twitcher.api.ConfigFile;
import io.twitcher.api.RunResult;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.testing.FixedRunContext;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures what a daemon with one {@code .twc} file pays for Jython: in a fresh JVM, the first load of a one-watch
 * file and its first (run_on_load) run. Prints one line, {@code cold first load <a> ms, first run <b> ms, JVM start
 * to first run <c> ms}; run by {@link ColdStartIT}, or by hand with the test classpath.
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        String source = String.join(
                "\n",
                "import sys",
                "def deploy():",
                "    return sys.stdin.read()",
                "RegisterWatch(znode='/git/head', action=deploy, run_mode=QUEUE)");
        TwcConfigLoader loader = new TwcConfigLoader();
        long start = System.nanoTime();
        List<WatchDefinition> watches = loader.load(new ConfigFile(
                Path.of("/etc/twitcher/deploy.twc"),
                "/etc/twitcher/deploy.twc",
                source.getBytes(StandardCharsets.UTF_8)));
        long loaded = System.nanoTime();
        RunResult result = watches.get(0).action().inline().run(FixedRunContext.of("abc123"));
        long ran = System.nanoTime();
        long sinceJvmStart = System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf(
                "cold first load %d ms, first run %d ms, JVM start to first run %d ms, result %s%n",
                (loaded - start) / 1_000_000, (ran - loaded) / 1_000_000, sinceJvmStart, result.detail());
        loader.close();
    }
}
