package io.twitcher.api;

import java.util.List;

/**
 * The names of a watch's settings, in the order of the original's {@code RegisterWatch} (the order positional
 * arguments take). Every config language spells a watch with these names; see {@link WatchDefinition.Builder}.
 */
public final class WatchParameters {
    /** The names, in order; a new setting is added at the end, so existing positional calls keep their meaning. */
    public static final List<String> NAMES = List.of(
            "znode",
            "action",
            "pipe_stdin",
            "run_on_load",
            "run_mode",
            "description",
            "uid",
            "gid",
            "watch_type",
            "notify_signal",
            "timeout",
            "splay",
            "debounce",
            "fleet_limit",
            "fleet_path",
            "env",
            "retries",
            "retry_delay",
            "on_failure");

    private WatchParameters() {}
}
