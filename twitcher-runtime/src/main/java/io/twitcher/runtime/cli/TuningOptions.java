package io.twitcher.runtime.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The daemon's tuning options (ZooKeeper session timeout, concurrency limits, shutdown grace, the HTTP endpoint) and
 * their range checks, mixed into {@link TwitcherCli}'s command line where its help lists them.
 */
final class TuningOptions {
    @Option(
            names = {"--session_timeout", "--session-timeout"},
            paramLabel = "SECONDS",
            defaultValue = "10",
            converter = SecondsConverter.class,
            description = "ZooKeeper session timeout (default: ${DEFAULT-VALUE}).")
    Duration sessionTimeout;

    @Option(
            names = {"--parallel_cap", "--parallel-cap"},
            paramLabel = "N",
            defaultValue = "16",
            description = "The most concurrent runs of one PARALLEL watch (default: ${DEFAULT-VALUE}).")
    int parallelCap;

    @Option(
            names = {"--max_running", "--max-running"},
            paramLabel = "N",
            defaultValue = "64",
            description = "The most action processes running at once, across all watches; further runs wait, in"
                    + " order (default: ${DEFAULT-VALUE}).")
    int maxRunning;

    @Option(
            names = {"--shutdown_grace", "--shutdown-grace"},
            paramLabel = "SECONDS",
            defaultValue = "10",
            converter = SecondsConverter.class,
            description = "At shutdown, how long running actions get after"
                    + " SIGTERM before SIGKILL (default: ${DEFAULT-VALUE}).")
    Duration shutdownGrace;

    @Option(
            names = {"--http_port", "--http-port"},
            paramLabel = "PORT",
            description = "Serve /metrics (Prometheus" + " text format) and /health over HTTP on PORT (default: off).")
    Integer httpPort;

    @Option(
            names = {"--http_bind", "--http-bind"},
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description = "The address --http_port listens on (default: ${DEFAULT-VALUE}).")
    String httpBind;

    /** {@link CliFailure} (usage) when one of these options is out of range. */
    void check() {
        if (sessionTimeout.isZero()) {
            throw CliFailure.usage("--session_timeout must be greater than 0");
        }
        if (parallelCap < 1) {
            throw CliFailure.usage("--parallel_cap must be at least 1, not " + parallelCap);
        }
        if (maxRunning < 1) {
            throw CliFailure.usage("--max_running must be at least 1, not " + maxRunning);
        }
        if (httpPort != null && (httpPort < 0 || httpPort > 65535)) {
            throw CliFailure.usage("--http_port must be from 0 to 65535, not " + httpPort);
        }
    }
}
