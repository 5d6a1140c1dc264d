package io.twitcher.runtime.control;

import io.twitcher.runtime.status.DaemonStatus;
import io.twitcher.runtime.status.WatchState;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code twitcher status} as text (one line a watch) or as one JSON object. The JSON is written here: a handful of
 * strings and numbers, not worth a JSON library on the daemon's class path.
 */
final class StatusReport {
    private StatusReport() {
    }

    static String text(DaemonStatus status) {
        StringBuilder out = new StringBuilder();
        List<String> problems = status.problems();
        out.append(problems.isEmpty() ? "healthy" : "unhealthy").append(": ZooKeeper ")
                .append(status.connectionState().toLowerCase(Locale.ROOT)).append(", ")
                .append(status.watchStates().size()).append(" watch(es), ")
                .append(status.failedFiles().size()).append(" config file(s) failing\n");
        for (String p : problems) {
            out.append("  problem: ").append(p).append('\n');
        }
        for (WatchState.Snapshot w : status.watches()) {
            out.append(w.description()).append(": ").append(w.file()).append(", ").append(w.znode()).append(", ")
                    .append(w.runMode()).append(", ").append(w.state()).append(", last run: ").append(w.lastRun())
                    .append('\n');
        }
        return out.toString();
    }

    static String json(DaemonStatus status) {
        StringBuilder out = new StringBuilder("{");
        field(out, "healthy", status.healthy()).append(',');
        field(out, "zookeeper", status.connectionState().toLowerCase(Locale.ROOT)).append(',');
        out.append("\"problems\":[");
        List<String> problems = status.problems();
        for (int i = 0; i < problems.size(); i++) {
            out.append(i > 0 ? "," : "").append(string(problems.get(i)));
        }
        out.append("],\"watches\":[");
        List<WatchState.Snapshot> watches = status.watches();
        for (int i = 0; i < watches.size(); i++) {
            WatchState.Snapshot w = watches.get(i);
            out.append(i > 0 ? ",{" : "{");
            field(out, "description", w.description()).append(',');
            field(out, "file", w.file()).append(',');
            field(out, "znode", w.znode()).append(',');
            field(out, "run_mode", w.runMode()).append(',');
            boolean stopped = w.stoppedSince() != null && w.running() == 0;
            field(out, "state", stopped ? "stopped" : w.running() > 0 ? "running" : switch (w.waiting()) {
                case NONE -> "idle";
                case DEBOUNCE, SPLAY -> "pending";
                case FLEET_LEASE -> "waiting_for_fleet_lease";
                case RETRY -> "retrying";
            }).append(',');
            field(out, "since", stopped ? w.stoppedSince() : w.running() > 0 ? w.runningSince() : w.waitingSince())
                    .append(',');
            field(out, "last_start", w.lastStart()).append(',');
            field(out, "last_duration_seconds", w.lastDuration() == null ? null
                    : (Object) (w.lastDuration().toNanos() / 1e9)).append(',');
            field(out, "last_exit_code", w.lastExitCode()).append(',');
            field(out, "last_success", w.lastSuccess()).append(',');
            field(out, "updates", w.updates()).append(',');
            field(out, "runs_started", w.started()).append(',');
            field(out, "runs_succeeded", w.succeeded()).append(',');
            field(out, "runs_failed", w.failed());
            out.append('}');
        }
        return out.append("]}\n").toString();
    }

    private static StringBuilder field(StringBuilder out, String name, Object value) {
        out.append(string(name)).append(':');
        if (value == null) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Duration d) {
            out.append(d.toNanos() / 1e9);
        } else {
            out.append(string(value.toString()));
        }
        return out;
    }

    private static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
