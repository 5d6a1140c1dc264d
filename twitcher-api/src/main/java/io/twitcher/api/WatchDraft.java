package io.twitcher.api;

import java.time.Duration;
import java.util.Map;

/**
 * What a {@link WatchDefinition.Builder} holds between its setters and {@code build()}: each value as its setter
 * checked it, starting from the original's defaults. {@link #build} checks the rules between values (znode and action
 * given, env and uid/gid only for a process, fleet_path only with fleet_limit) and makes the record; {@link
 * #copy} makes the copies {@link WatchDefinition#withOrigin} and {@link WatchDefinition#withAction} return.
 */
final class WatchDraft {
    String znode;
    ActionSpec action;
    boolean pipeStdin = true;
    boolean runOnLoad = true;
    RunMode runMode = RunMode.QUEUE;
    String description;
    String user;
    String group;
    WatchType watchType = WatchType.DATA;
    int notifySignal;
    Duration timeout;
    int retries;
    Duration retryDelay = WatchDefinition.DEFAULT_RETRY_DELAY;
    OnFailure onFailure = OnFailure.KEEP_WATCHING;
    Map<String, String> env = Map.of();
    Duration splay;
    Duration debounce;
    int fleetLimit;
    String fleetPath;
    boolean ifChanged;
    String originFile;
    int originLine;
    int index;

    WatchDefinition build() throws ConfigException {
        if (znode == null) {
            throw new ConfigException("znode is required");
        }
        if (action == null) {
            throw new ConfigException("action is required");
        }
        if (action.isInline() && !env.isEmpty()) {
            throw new ConfigException("env applies only to actions that run a process (such as Exec), not to a "
                    + "function running inside the daemon");
        }
        if (fleetPath != null && fleetLimit == 0) {
            throw new ConfigException("fleet_path needs fleet_limit");
        }
        if (action.isInline() && (user != null || group != null)) {
            throw new ConfigException("uid and gid apply only to actions that run a process (such as Exec), not to"
                    + " a function running inside the daemon");
        }
        String desc = description;
        if (desc == null) {
            if (originFile == null) {
                throw new IllegalStateException("neither a description nor an origin was given");
            }
            desc = originFile + "-" + index;
        }
        String origin = originFile == null ? null : originLine > 0 ? originFile + ":" + originLine : originFile;
        return new WatchDefinition(
                znode,
                action,
                pipeStdin,
                runOnLoad,
                runMode,
                desc,
                user,
                group,
                watchType,
                notifySignal,
                timeout,
                env,
                origin,
                new FleetControls(splay, debounce, fleetLimit, fleetPath, ifChanged),
                retries,
                retryDelay,
                onFailure);
    }

    static WatchDefinition copy(WatchDefinition d, ActionSpec action, String origin) {
        return new WatchDefinition(
                d.znode(),
                action,
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
                origin,
                d.fleet(),
                d.retries(),
                d.retryDelay(),
                d.onFailure());
    }
}
