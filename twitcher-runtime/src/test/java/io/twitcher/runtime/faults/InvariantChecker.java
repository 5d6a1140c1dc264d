package io.twitcher.runtime.faults;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Invariants 2 and 3 of issue 8 over a finished trial, from the daemon's log (its own order of starts and exits)
 * and the actions' journal (what the processes saw): run modes kept (QUEUE never overlapped, across definitions
 * of the watch too; DISCARD never started a run while one ran; PARALLEL within its cap) and no ghosts (no run of a
 * definition that had been replaced before it started). Invariants 1 and 4 need waiting and live in {@link Trial}.
 */
final class InvariantChecker {
    private InvariantChecker() {}

    /** The watch a description belongs to: {@code q-g3} is generation 3 of watch {@code q}. */
    static String watchOf(String description) {
        return description.substring(0, description.indexOf("-g"));
    }

    static int genOf(String description) {
        return Integer.parseInt(description.substring(description.indexOf("-g") + 2));
    }

    /** Overlaps in the daemon's log, and in the journal where both ends were written. */
    static List<String> runModes(List<DaemonLog.Run> logRuns, List<Journal.Run> journal, int parallelCap) {
        List<String> violations = new ArrayList<>();
        Map<String, List<DaemonLog.Run>> byWatch =
                logRuns.stream().collect(Collectors.groupingBy(r -> watchOf(r.description())));
        for (var e : byWatch.entrySet()) {
            String watch = e.getKey();
            if (watch.equals("q") || watch.equals("c")) {
                maxConcurrent(e.getValue(), 1, "QUEUE watch " + watch + " overlapped", violations);
            } else {
                Map<String, List<DaemonLog.Run>> byDef =
                        e.getValue().stream().collect(Collectors.groupingBy(DaemonLog.Run::description));
                for (var d : byDef.entrySet()) {
                    if (watch.equals("d")) {
                        maxConcurrent(
                                d.getValue(), 1, "DISCARD " + d.getKey() + " started a run while one ran", violations);
                    } else {
                        maxConcurrent(
                                d.getValue(),
                                parallelCap,
                                "PARALLEL " + d.getKey() + " exceeded its cap " + parallelCap,
                                violations);
                    }
                }
            }
        }
        // The processes' own clocks: a QUEUE run must not start before the previous one ended.
        for (String watch : List.of("q", "c")) {
            List<Journal.Run> runs = journal.stream()
                    .filter(r -> r.watch().equals(watch))
                    .sorted(Comparator.comparingLong(Journal.Run::startNanos))
                    .toList();
            for (int i = 1; i < runs.size(); i++) {
                Long end = runs.get(i - 1).endNanos();
                if (end != null && runs.get(i).startNanos() < end) {
                    violations.add(
                            "QUEUE watch " + watch + ": process " + runs.get(i).pid() + " started before "
                                    + runs.get(i - 1).pid() + " ended");
                }
            }
        }
        return violations;
    }

    private static void maxConcurrent(List<DaemonLog.Run> runs, int cap, String what, List<String> violations) {
        // Events by log position: +1 at a start, -1 at an exit; an unfinished run counts as running to the end.
        List<DaemonLog.Run> sorted = runs.stream()
                .sorted(Comparator.comparingInt(DaemonLog.Run::start))
                .toList();
        for (DaemonLog.Run r : sorted) {
            List<String> running = sorted.stream()
                    .filter(o -> o.start() <= r.start() && (o.end() < 0 || o.end() > r.start()))
                    .map(DaemonLog.Run::runId)
                    .toList();
            if (running.size() > cap) {
                violations.add(what + ": " + running + " ran at once (log line " + r.start() + ")");
                return;
            }
        }
    }

    /**
     * Ghosts: a run of generation g of a watch that started after generation g+1 of the file was applied.
     * {@code applied} maps a generation to the log position of the line reporting its load.
     */
    static List<String> ghosts(List<DaemonLog.Run> logRuns, Map<Integer, Integer> applied) {
        List<String> violations = new ArrayList<>();
        for (DaemonLog.Run r : logRuns) {
            int gen = genOf(r.description());
            Integer replacedAt = applied.entrySet().stream()
                    .filter(a -> a.getKey() > gen)
                    .map(Map.Entry::getValue)
                    .min(Integer::compare)
                    .orElse(null);
            if (replacedAt != null && r.start() > replacedAt) {
                violations.add("ghost: " + r.runId() + " started at log line " + r.start() + ", after generation "
                        + (gen + 1) + " was applied at line " + replacedAt);
            }
        }
        return violations;
    }

    /** The journal entry of each logged run, by pid. */
    static Map<String, Journal.Run> byRunId(List<DaemonLog.Run> logRuns, List<Journal.Run> journal) {
        Map<Long, Journal.Run> byPid = new HashMap<>();
        journal.forEach(j -> byPid.put(j.pid(), j));
        Map<String, Journal.Run> result = new HashMap<>();
        for (DaemonLog.Run r : logRuns) {
            Journal.Run j = byPid.get(r.pid());
            if (j != null && Objects.equals(j.watch(), watchOf(r.description()))) {
                result.put(r.runId(), j);
            }
        }
        return result;
    }
}
