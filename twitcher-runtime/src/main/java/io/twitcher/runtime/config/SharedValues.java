package io.twitcher.runtime.config;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.FleetControls;
import io.twitcher.api.WatchDefinition;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes the watches of one loaded file share their equal values, for a daemon with many watches: one
 * {@link ActionSpec} (and so one parameter map) for every watch whose built-in action is the same, one
 * {@link FleetControls}, and no origin once the file is loaded (its {@code file:line} serves the load's messages only;
 * {@link WatchDefinition#sameWatch} ignores it). An in-process action is never shared: it is its watch's own. Used on
 * one load at a time.
 */
final class SharedValues {
    private final Map<ActionSpec, ActionSpec> specs = new HashMap<>();
    private final Map<FleetControls, FleetControls> fleets = new HashMap<>();

    /** {@code d} with the shared copies of its values and without its origin. */
    WatchDefinition share(WatchDefinition d) {
        ActionSpec spec = d.action().isInline() ? d.action() : specs.computeIfAbsent(d.action(), s -> s);
        FleetControls fleet = d.fleet().any() ? fleets.computeIfAbsent(d.fleet(), f -> f) : FleetControls.NONE;
        return new WatchDefinition(
                d.znode(),
                spec,
                d.pipeStdin(),
                d.runOnLoad(),
                d.runMode(),
                d.description(),
                d.user(),
                d.group(),
                d.watchType(),
                d.notifySignal(),
                d.timeout(),
                d.env(),
                null,
                fleet,
                d.retries(),
                d.retryDelay(),
                d.onFailure());
    }
}
