package io.twitcher.runtime.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker finds what it is there to find: a checker that never complains proves nothing. */
class InvariantCheckerTest {
    private static DaemonLog.Run run(String id, int start, int end) {
        return new DaemonLog.Run(id, id.substring(0, id.indexOf('#')), "changed", start, end, 100 + start);
    }

    @Test
    void queueRunsThatTouchDoNotOverlap() {
        assertEquals(
                List.of(), InvariantChecker.runModes(List.of(run("q-g1#1", 1, 2), run("q-g1#2", 3, 4)), List.of(), 3));
    }

    @Test
    void queueOverlapAcrossDefinitionsIsFound() {
        List<String> found = InvariantChecker.runModes(List.of(run("q-g1#1", 1, 5), run("q-g2#2", 3, 6)), List.of(), 3);
        assertEquals(1, found.size());
        assertTrue(found.get(0).contains("[q-g1#1, q-g2#2]"), found.get(0));
    }

    @Test
    void discardStartingWhileOneRunsIsFoundButNotAcrossDefinitions() {
        assertEquals(
                1,
                InvariantChecker.runModes(List.of(run("d-g1#1", 1, 5), run("d-g1#2", 2, 3)), List.of(), 3)
                        .size());
        assertEquals(
                List.of(), InvariantChecker.runModes(List.of(run("d-g1#1", 1, 5), run("d-g2#2", 2, 3)), List.of(), 3));
    }

    @Test
    void parallelBeyondItsCapIsFound() {
        List<DaemonLog.Run> three = List.of(run("p-g1#1", 1, 9), run("p-g1#2", 2, 9), run("p-g1#3", 3, 9));
        assertEquals(List.of(), InvariantChecker.runModes(three, List.of(), 3));
        List<DaemonLog.Run> four = new java.util.ArrayList<>(three);
        four.add(run("p-g1#4", 4, 9));
        assertEquals(1, InvariantChecker.runModes(four, List.of(), 3).size());
    }

    @Test
    void anUnfinishedRunCountsAsRunning() {
        assertEquals(
                1,
                InvariantChecker.runModes(List.of(run("q-g1#1", 1, -1), run("q-g1#2", 7, 8)), List.of(), 3)
                        .size());
    }

    @Test
    void journalOverlapOfQueueProcessesIsFound() {
        List<Journal.Run> journal = List.of(
                new Journal.Run("q", 1, 10, 10, 1_000, "changed", 1, "a", 5_000L),
                new Journal.Run("q", 1, 11, 11, 4_000, "changed", 2, "b", 6_000L));
        assertEquals(1, InvariantChecker.runModes(List.of(), journal, 3).size());
    }

    @Test
    void aRunStartedAfterItsReplacementWasAppliedIsAGhost() {
        List<DaemonLog.Run> runs = List.of(run("q-g1#1", 5, 6), run("q-g1#2", 12, 13), run("q-g2#3", 11, 14));
        List<String> ghosts = InvariantChecker.ghosts(runs, Map.of(1, 2, 2, 10));
        assertEquals(1, ghosts.size());
        assertTrue(ghosts.get(0).contains("q-g1#2"), ghosts.get(0));
    }
}
