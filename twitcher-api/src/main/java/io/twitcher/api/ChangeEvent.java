package io.twitcher.api;

import java.util.Objects;

/**
 * A change handed to a {@link Callback}.
 *
 * @param znode       the watched path
 * @param data        the data as for {@link RunContext#data()}
 * @param version     the node's version, or -1 when unknown
 * @param event       why the run started
 * @param description the watch's description
 */
public record ChangeEvent(String znode, byte[] data, int version, TriggerEvent event, String description) {
    public ChangeEvent {
        Objects.requireNonNull(znode, "znode");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(description, "description");
    }
}
