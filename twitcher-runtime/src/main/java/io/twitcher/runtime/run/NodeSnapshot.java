package io.twitcher.runtime.run;

/**
 * What a read of a watched node found.
 *
 * @param exists  whether the node exists
 * @param data    its data (empty for null data or a missing node); for a children watch, the sorted child names
 *                joined by {@code \n}
 * @param version the node's data version (for a children watch too), -1 when the node is missing
 * @param zxid    the zxid of the last change this watch looks at (mzxid for data, pzxid for children), 0 when missing
 */
public record NodeSnapshot(boolean exists, byte[] data, int version, long zxid) {
    /** A node that does not exist. */
    public static final NodeSnapshot MISSING = new NodeSnapshot(false, new byte[0], -1, 0);
}
