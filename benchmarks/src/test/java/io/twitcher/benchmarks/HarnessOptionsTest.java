package io.twitcher.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HarnessOptionsTest {
    @Test
    void helpIsAskedForAnywhereOnTheLine() {
        assertTrue(HarnessOptions.parse("--help").help());
        assertTrue(HarnessOptions.parse("--only", "startup", "-h").help());
    }

    @Test
    void optionsAndRepeatedCandidatesAreKept() {
        HarnessOptions options = HarnessOptions.parse(
                "--only", "startup,latency", "--rounds", "3", "--candidate", "-Xms32m", "--candidate", "-Xmn4m");
        assertEquals(Map.of("only", "startup,latency", "rounds", "3"), options.values());
        assertEquals(List.of("-Xms32m", "-Xmn4m"), options.candidates());
    }

    @Test
    void everyBadLineIsOneSentence() {
        assertBad("unknown option '--round'", "--round", "3");
        assertBad("option '--rounds' needs a value", "--rounds");
        assertBad("--rounds takes a whole number above 0, not 'x'", "--rounds", "x");
        assertBad("--events takes a whole number above 0, not '0'", "--events", "0");
        assertBad("--fanout takes a whole number above 0, not ''", "--fanout", "1000,");
        assertBad("--only: 'lateny' is not one of", "--only", "startup,lateny");
        assertBad("--languages: 'py' is not one of properties,rb,twc", "--languages", "py");
        assertBad("unexpected argument 'startup'", "startup");
    }

    private static void assertBad(String message, String... args) {
        HarnessOptions.BadOption e = assertThrows(HarnessOptions.BadOption.class, () -> HarnessOptions.parse(args));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
