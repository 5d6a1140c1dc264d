package io.twitcher.runtime.fleet;

import io.twitcher.runtime.status.DaemonStatus;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.curator.framework.CuratorFramework;

/**
 * What the fleet controls of every watch share: the ZooKeeper client (fleet_limit's semaphores), the timer thread
 * (splay, debounce), the state directory (run_on_load=if_changed) and the status registry the watches report into.
 */
public record FleetContext(CuratorFramework client, ScheduledExecutorService timers, StateDir stateDir,
                           DaemonStatus status) {
}
