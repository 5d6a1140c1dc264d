package io.twitcher.api;

import java.util.Locale;

/** Why a run started; exported to processes as {@code TWITCHER_EVENT}. */
public enum TriggerEvent {
    /** The watch was armed and the node exists (run_on_load). */
    LOAD,
    /** The node's data changed. */
    CHANGED,
    /** A node that did not exist was created. */
    CREATED,
    /** The set of children changed. */
    CHILDREN,
    /** The node changed while the daemon was disconnected or its session had expired. */
    RECONNECT;

    /** The lower-case name used in {@code TWITCHER_EVENT}. */
    public String envValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
