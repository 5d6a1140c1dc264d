package io.twitcher.runtime.run;

import io.twitcher.api.OnFailure;
import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.status.WatchState;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch's failure policy around its runner: after a failed run, up to {@code retries} extra attempts, the first
 * {@code retry_delay} later, each delay doubling (with ±20 % jitter, capped at {@value #MAX_DELAY_SECONDS} s); an
 * attempt re-reads nothing, it runs with the same data. A newer update, or the watch's end, cancels the attempts still
 * to come (the dispatcher then runs the newer data). After the last failed attempt, {@code on_failure=stop_watching}
 * tells the watch to stop.
 */
public final class RetryingRunner implements Runner {
    private static final Logger LOG = LoggerFactory.getLogger("io.twitcher.run");
    static final long MAX_DELAY_SECONDS = 300;

    private final WatchDefinition definition;
    private final Runner runner;
    private final Runnable stopWatching;
    private final WatchState state;

    private RetryingRunner(WatchDefinition definition, Runner runner, Runnable stopWatching, WatchState state) {
        this.definition = definition;
        this.runner = runner;
        this.stopWatching = stopWatching;
        this.state = state;
    }

    /**
     * {@code runner} with {@code definition}'s failure policy; {@code runner} itself when the policy is the default
     * (no retries, keep watching), so that a watch without one pays nothing.
     *
     * @param stopWatching called once the last attempt failed and the policy is {@code stop_watching}
     * @param state        where a wait for the next attempt shows ({@code twitcher status}: retrying)
     */
    public static Runner wrap(WatchDefinition definition, Runner runner, Runnable stopWatching, WatchState state) {
        if (definition.retries() == 0 && definition.onFailure() == OnFailure.KEEP_WATCHING) {
            return runner;
        }
        return new RetryingRunner(definition, runner, stopWatching, state);
    }

    @Override
    public boolean run(TriggerEvent event, NodeSnapshot snapshot, RunControl control) {
        int attempts = definition.retries() + 1;
        for (int attempt = 1; ; attempt++) {
            if (runner.run(event, snapshot, control)) {
                return true;
            }
            if (control.superseded()) {
                LOG.info("Action \"{}\" failed; a newer update runs instead of a retry", definition.description());
                return false;
            }
            if (attempt >= attempts) {
                break;
            }
            long delay = delayMillis(attempt);
            LOG.warn("Action \"{}\" failed (attempt {} of {}); trying again in {} s", definition.description(), attempt,
                    attempts, String.format(java.util.Locale.ROOT, "%.1f", delay / 1000.0));
            state.waiting(WatchState.Waiting.RETRY);
            boolean retry;
            try {
                retry = control.awaitRetry(delay);
            } finally {
                state.waiting(WatchState.Waiting.NONE);
            }
            if (!retry) {
                LOG.info("Action \"{}\": retries cancelled (a newer update, the watch stopped or the daemon stops)",
                        definition.description());
                return false;
            }
        }
        if (definition.onFailure() == OnFailure.STOP_WATCHING) {
            LOG.error("Action \"{}\" failed {} time(s); on_failure=stop_watching: the watch on {} stops until its"
                    + " file is loaded again or the daemon gets SIGHUP", definition.description(), attempts,
                    definition.znode());
            stopWatching.run();
        } else if (attempts > 1) {
            LOG.error("Action \"{}\" failed {} time(s); the watch waits for the next update", definition.description(),
                    attempts);
        }
        return false;
    }

    /** The delay before extra attempt {@code n} (1-based): retry_delay × 2^(n−1), capped, with ±20 % jitter. */
    long delayMillis(int n) {
        double base = definition.retryDelay().toNanos() / 1e6 * Math.pow(2, Math.min(n - 1, 30));
        double capped = Math.min(base, MAX_DELAY_SECONDS * 1000.0);
        return Math.max(1, Math.round(capped * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    }
}
