package io.twitcher.api;

import java.util.Objects;

/**
 * How one run ended.
 *
 * @param success whether the action did what it should (an exit code of 0, a 2xx response)
 * @param detail  a few words for the log ("exited with code 1", "HTTP 503"), never null
 */
public record RunResult(boolean success, String detail) {
    public RunResult {
        Objects.requireNonNull(detail, "detail");
    }

    /** A successful run. */
    public static RunResult ok(String detail) {
        return new RunResult(true, detail);
    }

    /** A failed run. */
    public static RunResult failed(String detail) {
        return new RunResult(false, detail);
    }

    /** The result of a child process: success when it exited with code 0. */
    public static RunResult of(ProcessOutcome outcome) {
        return new RunResult(outcome.exitCode() == 0, outcome.describe());
    }
}
