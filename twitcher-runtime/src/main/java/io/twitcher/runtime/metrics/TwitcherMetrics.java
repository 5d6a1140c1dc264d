package io.twitcher.runtime.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.twitcher.runtime.status.DaemonStatus;
import io.twitcher.runtime.status.WatchState;
import java.util.function.ToDoubleFunction;

/**
 * The daemon's metrics, read from {@link DaemonStatus} at each scrape (callbacks), except the run duration
 * histogram, which every run's end feeds. Per watch, labelled {@code description} and {@code znode}.
 */
final class TwitcherMetrics {
    private static final String[] LABELS = {"description", "znode"};

    private TwitcherMetrics() {
    }

    static void register(PrometheusRegistry registry, DaemonStatus status) {
        perWatchCounter(registry, status, "twitcher_updates", "Updates of the watched node seen (the load read"
                + " included)", WatchState.Snapshot::updates);
        perWatchCounter(registry, status, "twitcher_runs_started", "Runs started", WatchState.Snapshot::started);
        perWatchCounter(registry, status, "twitcher_runs_succeeded", "Runs that succeeded",
                WatchState.Snapshot::succeeded);
        perWatchCounter(registry, status, "twitcher_runs_failed", "Runs that failed (timed out included)",
                WatchState.Snapshot::failed);
        perWatchCounter(registry, status, "twitcher_runs_timed_out", "Runs stopped by their timeout",
                WatchState.Snapshot::timedOut);
        perWatchCounter(registry, status, "twitcher_updates_coalesced", "Updates that ran as part of another run"
                + " (QUEUE, PARALLEL, debounce, splay)", w -> w.runMode().equals("DISCARD") ? 0 : w.notRun());
        perWatchCounter(registry, status, "twitcher_updates_discarded", "Updates dropped during a run (DISCARD)",
                w -> w.runMode().equals("DISCARD") ? w.notRun() : 0);
        perWatchCounter(registry, status, "twitcher_load_runs_skipped", "Load runs skipped by"
                + " run_on_load=if_changed", WatchState.Snapshot::skippedUnchanged);
        perWatchGauge(registry, status, "twitcher_running", "Runs in progress", WatchState.Snapshot::running);
        perWatchGauge(registry, status, "twitcher_waiting_for_fleet_lease", "1 while a run waits for a fleet_limit"
                + " lease", w -> w.waiting() == WatchState.Waiting.FLEET_LEASE ? 1 : 0);
        perWatchGauge(registry, status, "twitcher_last_run_timestamp_seconds", "Start of the last run (Unix time),"
                + " absent before the first", w -> w.lastStart() == null ? Double.NaN
                : w.lastStart().toEpochMilli() / 1000.0);
        perWatchGauge(registry, status, "twitcher_last_run_exit_code", "Exit code of the last run's process",
                w -> w.lastExitCode() == null ? Double.NaN : w.lastExitCode());
        Histogram durations = Histogram.builder().name("twitcher_run_duration_seconds").help("How long runs took")
                .labelNames(LABELS).classicOnly()
                .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600)
                .register(registry);
        status.observeDurations((w, d) -> durations.labelValues(w.description(), w.znode())
                .observe(d.toNanos() / 1e9));
        GaugeWithCallback.builder().name("twitcher_zookeeper_connected").help("1 while connected to ZooKeeper")
                .callback(cb -> cb.call(status.connected() ? 1 : 0)).register(registry);
        CounterWithCallback.builder().name("twitcher_zookeeper_reconnects").help("Reconnections to ZooKeeper")
                .callback(cb -> cb.call(status.reconnects())).register(registry);
        CounterWithCallback.builder().name("twitcher_zookeeper_session_expirations")
                .help("ZooKeeper sessions lost (expired)")
                .callback(cb -> cb.call(status.sessionExpirations())).register(registry);
        CounterWithCallback.builder().name("twitcher_config_loads").help("Config file loads that succeeded")
                .callback(cb -> cb.call(status.filesLoadedTotal())).register(registry);
        CounterWithCallback.builder().name("twitcher_config_load_failures").help("Config file loads that failed")
                .callback(cb -> cb.call(status.filesFailedTotal())).register(registry);
        GaugeWithCallback.builder().name("twitcher_config_files_failing").help("Config files whose last load failed")
                .callback(cb -> cb.call(status.failedFiles().size())).register(registry);
        GaugeWithCallback.builder().name("twitcher_watches").help("Active watches")
                .callback(cb -> cb.call(status.watchStates().size())).register(registry);
    }

    private static void perWatchCounter(PrometheusRegistry registry, DaemonStatus status, String name, String help,
                                        ToDoubleFunction<WatchState.Snapshot> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames(LABELS)
                .callback(cb -> status.watches().forEach(w -> cb.call(value.applyAsDouble(w), w.description(),
                        w.znode())))
                .register(registry);
    }

    private static void perWatchGauge(PrometheusRegistry registry, DaemonStatus status, String name, String help,
                                      ToDoubleFunction<WatchState.Snapshot> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(LABELS)
                .callback(cb -> status.watches().forEach(w -> {
                    double v = value.applyAsDouble(w);
                    if (!Double.isNaN(v)) {
                        cb.call(v, w.description(), w.znode());
                    }
                }))
                .register(registry);
    }
}
