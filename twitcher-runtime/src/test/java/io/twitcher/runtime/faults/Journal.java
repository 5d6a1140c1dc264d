package io.twitcher.runtime.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The file every action of a trial appends to (O_APPEND: one line is one write): {@code S} when a run starts
 * (watch, generation, pid, pgid, nanoseconds, event, version, data with newlines as commas) and {@code E} when it
 * ends by itself or on SIGTERM (pid, nanoseconds, how). A run killed by SIGKILL has no {@code E} line.
 */
final class Journal {
    /** One action run as the action itself saw it. */
    record Run(
            String watch,
            int gen,
            long pid,
            long pgid,
            long startNanos,
            String event,
            long version,
            String data,
            Long endNanos) {}

    /** The shell script every watch runs: {@code sh action.sh WATCH GEN JOURNAL}. */
    static final String SCRIPT = """
            w=$1; g=$2; j=$3
            d=$(tr '\\n' ',')
            read -r stat < /proc/$$/stat
            set -- ${stat##*) }
            echo "S $w $g $$ $3 $(date +%s%N) ${TWITCHER_EVENT:-none} ${TWITCHER_VERSION:-none} $d" >> "$j"
            rc=0
            case "$d" in
              *fail*) rc=3 ;;
              *hang*) trap 'echo "E $$ $(date +%s%N) term" >> "$j"; exit 143' TERM; sleep 30 & wait $! ;;
              *deaf*) trap '' TERM; sleep 30 ;;
              *orphan*) sleep 600 > /dev/null 2>&1 < /dev/null & ;;
              *) sleep 0.1 ;;
            esac
            echo "E $$ $(date +%s%N) $rc" >> "$j"
            exit $rc
            """;

    private Journal() {}

    /** Every run in the journal, in the order they started (file order: appends are ordered). */
    static List<Run> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Run> runs = new ArrayList<>();
        Map<Long, Integer> open = new HashMap<>(); // pid -> index of its run without an end yet
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("S ")) {
                String[] f = line.split(" ", 9);
                long pid = Long.parseLong(f[3]);
                long version = f[7].matches("-?[0-9]+") ? Long.parseLong(f[7]) : Long.MIN_VALUE;
                runs.add(new Run(
                        f[1],
                        Integer.parseInt(f[2]),
                        pid,
                        Long.parseLong(f[4]),
                        Long.parseLong(f[5]),
                        f[6],
                        version,
                        f.length > 8 ? f[8] : "",
                        null));
                open.put(pid, runs.size() - 1);
            } else if (line.startsWith("E ")) {
                String[] f = line.split(" ");
                Integer i = open.remove(Long.parseLong(f[1]));
                if (i != null) {
                    Run r = runs.get(i);
                    runs.set(
                            i,
                            new Run(
                                    r.watch(),
                                    r.gen(),
                                    r.pid(),
                                    r.pgid(),
                                    r.startNanos(),
                                    r.event(),
                                    r.version(),
                                    r.data(),
                                    Long.parseLong(f[2])));
                }
            }
        }
        return runs;
    }
}
