package io.twitcher.runtime.watch;

import io.twitcher.api.Action;
import io.twitcher.api.WatchDefinition;

/**
 * A watch definition whose action has been built and validated: ready to run.
 *
 * @param definition what the config file says
 * @param action     the action built from it
 */
public record ResolvedWatch(WatchDefinition definition, Action action) {}
