package io.twitcher.runtime.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journaling action, run as a real process: what it writes is what the checker reads. */
class JournalIT {
    @TempDir
    Path dir;

    private Process start(String data) throws Exception {
        Path script = Files.writeString(dir.resolve("action.sh"), Journal.SCRIPT);
        ProcessBuilder pb = new ProcessBuilder(
                "sh", script.toString(), "q", "7", dir.resolve("journal").toString());
        pb.environment().putAll(Map.of("TWITCHER_EVENT", "changed", "TWITCHER_VERSION", "42"));
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(data.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void aRunJournalsItsDataPidGroupAndEnd() throws Exception {
        Process p = start("k1\nk2");
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue());
        List<Journal.Run> runs = Journal.read(dir.resolve("journal"));
        assertEquals(1, runs.size());
        Journal.Run r = runs.get(0);
        assertEquals(
                List.of("q", 7, p.pid(), "changed", 42L, "k1,k2"),
                List.of(r.watch(), r.gen(), r.pid(), r.event(), r.version(), r.data()));
        String stat = Files.readString(Path.of("/proc/self/stat"));
        long ourGroup = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
        assertEquals(ourGroup, r.pgid()); // a plain child stays in our group
        assertNotNull(r.endNanos());
    }

    @Test
    void failDataExitsWithThreeAndIgnoringSigtermLeavesNoEnd() throws Exception {
        Process failing = start("w1-fail");
        failing.waitFor(30, TimeUnit.SECONDS);
        assertEquals(3, failing.exitValue());
        Process deaf = start("w2-deaf");
        await(() -> Journal.read(dir.resolve("journal")).size() == 2
                && deaf.descendants().findAny().isPresent());
        List<ProcessHandle> sleeper = deaf.descendants().toList();
        deaf.destroy(); // SIGTERM: ignored
        deaf.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        sleeper.forEach(ProcessHandle::destroyForcibly);
        List<Journal.Run> runs = Journal.read(dir.resolve("journal"));
        assertNotNull(runs.get(0).endNanos());
        assertNull(runs.get(1).endNanos());
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(condition);
    }
}
