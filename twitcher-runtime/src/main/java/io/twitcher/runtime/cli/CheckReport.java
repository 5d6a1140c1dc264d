package io.twitcher.runtime.cli;

import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.config.ConfigChecker.FileReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The text {@code twitcher check} prints: each file with its watches, or its error as {@code file:line: reason},
 * then a summary line.
 *
 * <pre>
 * conf.d/deploy.twc: OK, 1 watch
 *     deploy-git: /git/head, data, QUEUE, exec
 * conf.d/bad.twc:12: RegisterWatch: run_mode must be QUEUE, DISCARD or PARALLEL
 * 2 files: 1 OK, 1 with errors; 1 watch.
 * </pre>
 */
final class CheckReport {
    private CheckReport() {}

    /** Prints the report; returns the number of files with errors. */
    static int print(List<FileReport> reports, PrintStream out) {
        int errors = 0;
        int watches = 0;
        for (FileReport report : reports) {
            if (report.ok()) {
                out.println(
                        report.displayName() + ": OK, " + count(report.watches().size(), "watch"));
                for (WatchDefinition watch : report.watches()) {
                    out.println("    " + describe(watch));
                }
                watches += report.watches().size();
            } else {
                errors++;
                String error = report.error();
                out.println(error.startsWith(report.displayName()) ? error : report.displayName() + ": " + error);
            }
        }
        out.println(count(reports.size(), "file") + ": " + (reports.size() - errors) + " OK, " + errors
                + " with errors; " + count(watches, "watch") + ".");
        out.flush();
        return errors;
    }

    /** {@code description: znode, data|children, MODE, action type}. */
    static String describe(WatchDefinition watch) {
        return watch.description() + ": " + watch.znode() + ", "
                + watch.watchType().name().toLowerCase(Locale.ROOT) + ", " + watch.runMode() + ", "
                + watch.action().type();
    }

    private static String count(int n, String noun) {
        return n + " " + (n == 1 ? noun : noun.endsWith("h") ? noun + "es" : noun + "s");
    }
}
