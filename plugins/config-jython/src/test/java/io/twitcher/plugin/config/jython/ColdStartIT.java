package io.twitcher.plugin.config.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The cold start of Jython for one {@code .twc} file, measured in a fresh JVM (see {@link ColdStart}). */
class ColdStartIT {
    private static final Pattern LINE = Pattern.compile(
            "cold first load (\\d+) ms, first run (\\d+) ms, JVM start to first run (\\d+) ms, result returned");

    @Test
    void aFreshJvmLoadsAndRunsAOneWatchFileAndReportsTheTime() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classpath,
                        ColdStart.class.getName())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the measuring JVM did not end");
        assertEquals(0, p.exitValue(), output);
        Matcher m = LINE.matcher(output);
        assertTrue(m.find(), output);
        System.out.println("[ColdStartIT] " + m.group());
        // A shared 2-core machine varies by a factor of two: this bound catches a regression of an order of magnitude
        // (a package scan, a site import), not the 1.5 s target, which the report measures on an idle machine.
        assertTrue(Long.parseLong(m.group(3)) < 15_000, m.group());
        List.of(m.group(1), m.group(2)).forEach(ms -> assertTrue(Long.parseLong(ms) >= 0));
    }
}
