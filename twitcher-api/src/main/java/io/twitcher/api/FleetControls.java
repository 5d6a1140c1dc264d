package io.twitcher.api;

import java.time.Duration;

/**
 * How a watch behaves on a fleet of machines that all watch the same node: the keys {@code splay}, {@code debounce},
 * {@code fleet_limit}, {@code fleet_path} and {@code run_on_load=if_changed}.
 *
 * @param splay       wait a random time up to this long before each run (updates meanwhile only refresh the data
 *                    the run gets), or {@code null}
 * @param debounce    run only once the node has been quiet this long, or {@code null}
 * @param fleetLimit  at most this many machines run the action at once (a ZooKeeper semaphore), 0 for no limit
 * @param fleetPath   the semaphore's path, or {@code null} for {@link #DEFAULT_FLEET_ROOT} followed by the znode
 * @param ifChanged   {@code run_on_load=if_changed}: the load run happens only when the node changed since the last
 *                    successful run (remembered in the daemon's state directory)
 */
public record FleetControls(Duration splay, Duration debounce, int fleetLimit, String fleetPath, boolean ifChanged) {
    /** Where the semaphores of {@code fleet_limit} live by default: this, followed by the watched znode. */
    public static final String DEFAULT_FLEET_ROOT = "/twitcher/fleet_limit";

    /** No fleet control: the original's behaviour. */
    public static final FleetControls NONE = new FleetControls(null, null, 0, null, false);

    public FleetControls {
        if (fleetLimit < 0) {
            throw new IllegalArgumentException("fleetLimit must not be negative");
        }
    }

    /** The semaphore path for a watch on {@code znode}. */
    public String fleetPathFor(String znode) {
        return fleetPath != null ? fleetPath : DEFAULT_FLEET_ROOT + znode;
    }

    /** A copy with the default semaphore path. */
    public FleetControls withoutPath() {
        return new FleetControls(splay, debounce, fleetLimit, null, ifChanged);
    }

    /**
     * Whether any control is set. Field by field, not {@code !equals(NONE)}: a record's first {@code equals} links its
     * call site (about 11 ms of the config load on the way to the first action, docs/benchmarks.md).
     */
    public boolean any() {
        return splay != null || debounce != null || fleetLimit != 0 || fleetPath != null || ifChanged;
    }
}
