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
        assertBad("Unknown options: '--round', '3'", "--round", "3");
        assertBad("Missing required parameter for option '--rounds' (N)", "--rounds");
        assertBad("Invalid value for option '--rounds': 'x' is not an int", "--rounds", "x");
        assertBad("--events takes a whole number above 0, not 0", "--events", "0");
        assertBad("--fanout takes a whole number above 0, not -1", "--fanout", "1000,-1");
        assertBad("--only: 'lateny' is not one of", "--only", "startup,lateny");
        assertBad("--languages: 'py' is not one of properties,rb,twc", "--languages", "py");
        assertBad("Unmatched argument at index 0: 'startup'", "startup");
    }

    @Test
    void theHelpNamesEveryOption() {
        String usage = HarnessOptions.usage();
        for (String option : List.of(
                "--only",
                "--languages",
                "--rounds",
                "--events",
                "--memory-rounds",
                "--burst-writes",
                "--fanout",
                "--jvm-opts",
                "--candidate",
                "--report",
                "--help")) {
            assertTrue(usage.contains(option), option + " missing from:\n" + usage);
        }
        assertTrue(usage.contains("scale100k"), usage);
    }

    private static void assertBad(String message, String... args) {
        HarnessOptions.BadOption e = assertThrows(HarnessOptions.BadOption.class, () -> HarnessOptions.parse(args));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
