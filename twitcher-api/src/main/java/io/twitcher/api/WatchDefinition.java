package io.twitcher.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One watch as a configuration defines it: RegisterWatch's arguments, validated. Build one with {@link #builder};
 * every setter checks its value and throws {@link ConfigException} with a reason in RegisterWatch's terms, to which
 * the loader adds the file and line.
 *
 * @param znode        the absolute path watched
 * @param action       what runs
 * @param pipeStdin    whether the data goes to the action's standard input
 * @param runOnLoad    whether the action runs once when the watch is armed and the node exists
 * @param runMode      what happens to updates during a run
 * @param description  the name used in logs and {@code TWITCHER_DESCRIPTION}
 * @param user         user name or number to run the process as, or {@code null} for the daemon's own
 * @param group        group name or number, or {@code null}: the user's primary group (or the daemon's own)
 * @param watchType    data or children
 * @param notifySignal signal sent to a running action's process group on the first update during a run; 0 for none
 * @param timeout      run time limit, or {@code null} for none
 * @param env          variables added to the action process's environment (names checked, values text); empty
 *                     for none
 * @param origin       {@code file:line} of the definition, for messages; not part of what {@link #sameWatch} compares
 * @param fleet        splay, debounce, fleet_limit, fleet_path and run_on_load=if_changed
 * @param retries      extra attempts after a failed run (non-zero exit, killed by its timeout, a failed webhook, an
 *                     exception); 0 for none
 * @param retryDelay   the delay before the first extra attempt, doubling with each one (with jitter, capped)
 * @param onFailure    what the watch does after the last failed attempt
 */
public record WatchDefinition(
        String znode,
        ActionSpec action,
        boolean pipeStdin,
        boolean runOnLoad,
        RunMode runMode,
        String description,
        String user,
        String group,
        WatchType watchType,
        int notifySignal,
        Duration timeout,
        Map<String, String> env,
        String origin,
        FleetControls fleet,
        int retries,
        Duration retryDelay,
        OnFailure onFailure) {

    /** The default {@link #retryDelay}: one second. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);
    /** The most {@link #retries} a watch may ask for. */
    public static final int MAX_RETRIES = 100;

    /** A definition without a failure policy: no retries, and the watch keeps watching. */
    public WatchDefinition(
            String znode,
            ActionSpec action,
            boolean pipeStdin,
            boolean runOnLoad,
            RunMode runMode,
            String description,
            String user,
            String group,
            WatchType watchType,
            int notifySignal,
            Duration timeout,
            Map<String, String> env,
            String origin,
            FleetControls fleet) {
        this(
                znode,
                action,
                pipeStdin,
                runOnLoad,
                runMode,
                description,
                user,
                group,
                watchType,
                notifySignal,
                timeout,
                env,
                origin,
                fleet,
                0,
                DEFAULT_RETRY_DELAY,
                OnFailure.KEEP_WATCHING);
    }

    public WatchDefinition {
        Objects.requireNonNull(znode, "znode");
        env = env == null ? Map.of() : Map.copyOf(env);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(runMode, "runMode");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(watchType, "watchType");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(fleet, "fleet");
    }

    /** A builder with the original's defaults: pipe_stdin, run_on_load, QUEUE, data watch, no limits. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code other} defines the same watch, wherever in its file it stands. */
    public boolean sameWatch(WatchDefinition other) {
        return other != null && withOrigin(null).equals(other.withOrigin(null));
    }

    /** A copy with another origin. */
    public WatchDefinition withOrigin(String newOrigin) {
        return WatchDraft.copy(this, action, newOrigin);
    }

    /** A copy with another action spec (not checked again: give one of the same kind). */
    public WatchDefinition withAction(ActionSpec newAction) {
        return WatchDraft.copy(this, Objects.requireNonNull(newAction, "action"), origin);
    }

    /** Checks that {@code path} is an absolute ZooKeeper path; returns it. */
    public static String checkZnode(String path) throws ConfigException {
        return WatchChecks.znode(path);
    }

    /** Builds a {@link WatchDefinition}; not thread-safe. */
    public static final class Builder {
        private final WatchDraft draft = new WatchDraft();

        private Builder() {}

        public Builder znode(String path) throws ConfigException {
            draft.znode = checkZnode(path);
            return this;
        }

        public Builder action(ActionSpec spec) {
            draft.action = Objects.requireNonNull(spec, "action");
            return this;
        }

        public Builder pipeStdin(boolean value) {
            draft.pipeStdin = value;
            return this;
        }

        public Builder runOnLoad(boolean value) {
            draft.runOnLoad = value;
            draft.ifChanged = false;
            return this;
        }

        /**
         * {@code run_on_load=if_changed}: run when the watch is armed only if the node changed since this machine's
         * last successful run of it.
         */
        public Builder runOnLoadIfChanged() {
            draft.runOnLoad = true;
            draft.ifChanged = true;
            return this;
        }

        /** {@code splay}: seconds, 0 (none) or more. */
        public Builder splaySeconds(double seconds) throws ConfigException {
            draft.splay = WatchChecks.seconds("splay", seconds);
            return this;
        }

        /** {@code debounce}: seconds, 0 (none) or more. */
        public Builder debounceSeconds(double seconds) throws ConfigException {
            draft.debounce = WatchChecks.seconds("debounce", seconds);
            return this;
        }

        /** {@code fleet_limit}: at least 1, or 0 for no limit. */
        public Builder fleetLimit(long limit) throws ConfigException {
            draft.fleetLimit = WatchChecks.fleetLimit(limit);
            return this;
        }

        /** {@code fleet_path}: the ZooKeeper path of fleet_limit's semaphore; {@code null} for the default. */
        public Builder fleetPath(String path) throws ConfigException {
            draft.fleetPath = WatchChecks.fleetPath(path);
            return this;
        }

        public Builder runMode(RunMode mode) {
            draft.runMode = Objects.requireNonNull(mode, "runMode");
            return this;
        }

        /** A description; {@code null} keeps the default {@code <file>-<n>}. */
        public Builder description(String text) throws ConfigException {
            draft.description = WatchChecks.description(text);
            return this;
        }

        /** A user name, or a uid as digits; {@code null} for the daemon's own user. */
        public Builder user(String nameOrId) throws ConfigException {
            draft.user = WatchChecks.account("uid", nameOrId);
            return this;
        }

        /** A uid. */
        public Builder user(long uid) throws ConfigException {
            return user(WatchChecks.id("uid", uid));
        }

        /** A group name, or a gid as digits; {@code null} for the user's primary group. */
        public Builder group(String nameOrId) throws ConfigException {
            draft.group = WatchChecks.account("gid", nameOrId);
            return this;
        }

        /** A gid. */
        public Builder group(long gid) throws ConfigException {
            return group(WatchChecks.id("gid", gid));
        }

        public Builder watchType(WatchType type) {
            draft.watchType = Objects.requireNonNull(type, "watchType");
            return this;
        }

        /** A signal number 1..31, or 0 for none. */
        public Builder notifySignal(long signal) throws ConfigException {
            draft.notifySignal = signal == 0 ? 0 : Signals.check(signal);
            return this;
        }

        /** A limit in seconds, greater than 0. */
        public Builder timeoutSeconds(double seconds) throws ConfigException {
            draft.timeout = WatchChecks.positiveSeconds("timeout", seconds);
            return this;
        }

        /** No time limit. */
        public Builder noTimeout() {
            draft.timeout = null;
            return this;
        }

        /** Extra attempts after a failed run, 0 to {@value WatchDefinition#MAX_RETRIES}. */
        public Builder retries(long count) throws ConfigException {
            draft.retries = WatchChecks.retries(count);
            return this;
        }

        /** The delay before the first extra attempt, in seconds, greater than 0. */
        public Builder retryDelaySeconds(double seconds) throws ConfigException {
            draft.retryDelay = WatchChecks.positiveSeconds("retry_delay", seconds);
            return this;
        }

        /** What the watch does after the last failed attempt. */
        public Builder onFailure(OnFailure policy) {
            draft.onFailure = Objects.requireNonNull(policy, "onFailure");
            return this;
        }

        /**
         * Variables for the action process's environment. A name is letters, digits and {@code _}, not starting with
         * a digit, and not {@code TWITCHER_...} (the daemon's own); a value is text: no NUL character and no lone
         * UTF-16 surrogate. Keys and values must be strings, checked here for loaders that pass script objects.
         */
        public Builder env(Map<?, ?> variables) throws ConfigException {
            draft.env = WatchChecks.env(variables);
            return this;
        }

        /** {@code name} when it is a valid environment variable name that is not the daemon's. */
        public static String checkEnvName(String name) throws ConfigException {
            return WatchChecks.envName(name);
        }

        /**
         * Where the definition stands: its file's display name and line, and its 1-based index among the file's
         * definitions, which makes the default description {@code <file>-<index>}.
         */
        public Builder origin(String file, int line, int indexInFile) {
            draft.originFile = Objects.requireNonNull(file, "file");
            draft.originLine = line;
            draft.index = indexInFile;
            return this;
        }

        /**
         * The definition.
         *
         * @throws ConfigException when znode or action is missing, or uid/gid is given for an in-process action
         */
        public WatchDefinition build() throws ConfigException {
            return draft.build();
        }
    }
}
