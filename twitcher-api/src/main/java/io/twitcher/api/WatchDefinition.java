package io.twitcher.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
public record WatchDefinition(String znode, ActionSpec action, boolean pipeStdin, boolean runOnLoad, RunMode runMode,
                              String description, String user, String group, WatchType watchType, int notifySignal,
                              Duration timeout, Map<String, String> env, String origin, FleetControls fleet,
                              int retries, Duration retryDelay, OnFailure onFailure) {

    /** The default {@link #retryDelay}: one second. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);
    /** The most {@link #retries} a watch may ask for. */
    public static final int MAX_RETRIES = 100;

    /** A definition without a failure policy: no retries, and the watch keeps watching. */
    public WatchDefinition(String znode, ActionSpec action, boolean pipeStdin, boolean runOnLoad, RunMode runMode,
                           String description, String user, String group, WatchType watchType, int notifySignal,
                           Duration timeout, Map<String, String> env, String origin, FleetControls fleet) {
        this(znode, action, pipeStdin, runOnLoad, runMode, description, user, group, watchType, notifySignal, timeout,
                env, origin, fleet, 0, DEFAULT_RETRY_DELAY, OnFailure.KEEP_WATCHING);
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
        return new WatchDefinition(znode, action, pipeStdin, runOnLoad, runMode, description, user, group, watchType,
                notifySignal, timeout, env, newOrigin, fleet, retries, retryDelay, onFailure);
    }

    /** Checks that {@code path} is an absolute ZooKeeper path; returns it. */
    public static String checkZnode(String path) throws ConfigException {
        if (path == null || path.isEmpty()) {
            throw new ConfigException("znode must not be empty");
        }
        if (!path.startsWith("/")) {
            throw new ConfigException("znode must be an absolute path starting with '/', not '" + path + "'");
        }
        if (path.length() > 1 && path.endsWith("/")) {
            throw new ConfigException("znode must not end with '/': '" + path + "'");
        }
        if (path.length() > 1) {
            for (String part : path.substring(1).split("/", -1)) {
                if (part.isEmpty()) {
                    throw new ConfigException("znode must not contain an empty name ('//'): '" + path + "'");
                }
                if (part.equals(".") || part.equals("..")) {
                    throw new ConfigException("znode must not contain '.' or '..' as a name: '" + path + "'");
                }
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == 0 || (c > 0 && c < 0x1f) || (c > 0x7f && c < 0x9f) || (c >= 0xd800 && c <= 0xf8ff)
                    || (c >= 0xfff0 && c <= 0xffff)) {
                throw new ConfigException("znode contains a character ZooKeeper does not allow (U+"
                        + String.format("%04X", (int) c) + "): '" + path.replace("\0", "\\0") + "'");
            }
        }
        return path;
    }

    /** Builds a {@link WatchDefinition}; not thread-safe. */
    public static final class Builder {
        private String znode;
        private ActionSpec action;
        private boolean pipeStdin = true;
        private boolean runOnLoad = true;
        private RunMode runMode = RunMode.QUEUE;
        private String description;
        private String user;
        private String group;
        private WatchType watchType = WatchType.DATA;
        private int notifySignal;
        private Duration timeout;
        private int retries;
        private Duration retryDelay = DEFAULT_RETRY_DELAY;
        private OnFailure onFailure = OnFailure.KEEP_WATCHING;
        private Map<String, String> env = Map.of();
        private Duration splay;
        private Duration debounce;
        private int fleetLimit;
        private String fleetPath;
        private boolean ifChanged;
        private String originFile;
        private int originLine;
        private int index;

        private Builder() {
        }

        public Builder znode(String path) throws ConfigException {
            this.znode = checkZnode(path);
            return this;
        }

        public Builder action(ActionSpec spec) {
            this.action = Objects.requireNonNull(spec, "action");
            return this;
        }

        public Builder pipeStdin(boolean value) {
            this.pipeStdin = value;
            return this;
        }

        public Builder runOnLoad(boolean value) {
            this.runOnLoad = value;
            this.ifChanged = false;
            return this;
        }

        /**
         * {@code run_on_load=if_changed}: run when the watch is armed only if the node changed since this machine's
         * last successful run of it.
         */
        public Builder runOnLoadIfChanged() {
            this.runOnLoad = true;
            this.ifChanged = true;
            return this;
        }

        /** {@code splay}: seconds, 0 (none) or more. */
        public Builder splaySeconds(double seconds) throws ConfigException {
            this.splay = seconds("splay", seconds);
            return this;
        }

        /** {@code debounce}: seconds, 0 (none) or more. */
        public Builder debounceSeconds(double seconds) throws ConfigException {
            this.debounce = seconds("debounce", seconds);
            return this;
        }

        /** {@code fleet_limit}: at least 1, or 0 for no limit. */
        public Builder fleetLimit(long limit) throws ConfigException {
            if (limit < 0 || limit > 10_000) {
                throw new ConfigException("fleet_limit must be a number of machines from 1 to 10000 (0: no limit), not "
                        + limit);
            }
            this.fleetLimit = (int) limit;
            return this;
        }

        /** {@code fleet_path}: the ZooKeeper path of fleet_limit's semaphore; {@code null} for the default. */
        public Builder fleetPath(String path) throws ConfigException {
            if (path != null) {
                try {
                    checkZnode(path);
                } catch (ConfigException e) {
                    throw new ConfigException("fleet_path" + e.getMessage().substring("znode".length()));
                }
                if (path.equals("/")) {
                    throw new ConfigException("fleet_path must not be '/'");
                }
            }
            this.fleetPath = path;
            return this;
        }

        private static Duration seconds(String key, double seconds) throws ConfigException {
            if (!(seconds >= 0) || seconds > 86_400) {
                throw new ConfigException(key + " must be a number of seconds from 0 to 86400, not "
                        + (seconds == Math.rint(seconds) && !Double.isInfinite(seconds) ? String.valueOf((long) seconds)
                        : String.valueOf(seconds)));
            }
            return seconds == 0 ? null : Duration.ofNanos(Math.round(seconds * 1e9));
        }

        public Builder runMode(RunMode mode) {
            this.runMode = Objects.requireNonNull(mode, "runMode");
            return this;
        }

        /** A description; {@code null} keeps the default {@code <file>-<n>}. */
        public Builder description(String text) throws ConfigException {
            if (text != null && text.isBlank()) {
                throw new ConfigException("description must not be empty");
            }
            this.description = text;
            return this;
        }

        /** A user name, or a uid as digits; {@code null} for the daemon's own user. */
        public Builder user(String nameOrId) throws ConfigException {
            this.user = checkAccount("uid", nameOrId);
            return this;
        }

        /** A uid. */
        public Builder user(long uid) throws ConfigException {
            return user(checkId("uid", uid));
        }

        /** A group name, or a gid as digits; {@code null} for the user's primary group. */
        public Builder group(String nameOrId) throws ConfigException {
            this.group = checkAccount("gid", nameOrId);
            return this;
        }

        /** A gid. */
        public Builder group(long gid) throws ConfigException {
            return group(checkId("gid", gid));
        }

        public Builder watchType(WatchType type) {
            this.watchType = Objects.requireNonNull(type, "watchType");
            return this;
        }

        /** A signal number 1..31, or 0 for none. */
        public Builder notifySignal(long signal) throws ConfigException {
            this.notifySignal = signal == 0 ? 0 : Signals.check(signal);
            return this;
        }

        /** A limit in seconds, greater than 0. */
        public Builder timeoutSeconds(double seconds) throws ConfigException {
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new ConfigException("timeout must be a number of seconds greater than 0, not "
                        + (seconds == Math.rint(seconds) && !Double.isInfinite(seconds) ? String.valueOf((long) seconds)
                        : String.valueOf(seconds)));
            }
            this.timeout = Duration.ofNanos(Math.max(1, Math.round(seconds * 1e9)));
            return this;
        }

        /** No time limit. */
        public Builder noTimeout() {
            this.timeout = null;
            return this;
        }

        /** Extra attempts after a failed run, 0 to {@value WatchDefinition#MAX_RETRIES}. */
        public Builder retries(long count) throws ConfigException {
            if (count < 0 || count > MAX_RETRIES) {
                throw new ConfigException("retries must be a whole number from 0 to " + MAX_RETRIES + ", not " + count);
            }
            this.retries = (int) count;
            return this;
        }

        /** The delay before the first extra attempt, in seconds, greater than 0. */
        public Builder retryDelaySeconds(double seconds) throws ConfigException {
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new ConfigException("retry_delay must be a number of seconds greater than 0, not "
                        + (seconds == Math.rint(seconds) && !Double.isInfinite(seconds) ? String.valueOf((long) seconds)
                        : String.valueOf(seconds)));
            }
            this.retryDelay = Duration.ofNanos(Math.max(1, Math.round(seconds * 1e9)));
            return this;
        }

        /** What the watch does after the last failed attempt. */
        public Builder onFailure(OnFailure policy) {
            this.onFailure = Objects.requireNonNull(policy, "onFailure");
            return this;
        }

        /**
         * Variables for the action process's environment. A name is letters, digits and {@code _}, not starting with
         * a digit, and not {@code TWITCHER_...} (the daemon's own); a value is text: no NUL character and no lone
         * UTF-16 surrogate. Keys and values must be strings, checked here for loaders that pass script objects.
         */
        public Builder env(Map<?, ?> variables) throws ConfigException {
            Map<String, String> checked = new TreeMap<>();
            for (Map.Entry<?, ?> e : Objects.requireNonNull(variables, "env").entrySet()) {
                if (!(e.getKey() instanceof String name)) {
                    throw new ConfigException("env names must be strings, not " + e.getKey());
                }
                checked.put(checkEnvName(name), checkEnvValue(name, e.getValue()));
            }
            this.env = Map.copyOf(checked);
            return this;
        }

        /** {@code name} when it is a valid environment variable name that is not the daemon's. */
        public static String checkEnvName(String name) throws ConfigException {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException("env: '" + name.replace("\0", "\\0") + "' is not a valid variable name "
                        + "(letters, digits and '_', not starting with a digit)");
            }
            if (name.startsWith("TWITCHER_")) {
                throw new ConfigException("env: " + name + " is set by the daemon; TWITCHER_ names are reserved");
            }
            return name;
        }

        private static String checkEnvValue(String name, Object value) throws ConfigException {
            if (!(value instanceof String text)) {
                throw new ConfigException("env: the value of " + name + " must be a string, not "
                        + (value == null ? "nothing" : value));
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (pair) {
                    i++;
                } else if (c == 0 || Character.isSurrogate(c)) {
                    throw new ConfigException("env: the value of " + name + " is not valid text (it contains U+"
                            + String.format("%04X", (int) c) + ")");
                }
            }
            return text;
        }

        /**
         * Where the definition stands: its file's display name and line, and its 1-based index among the file's
         * definitions, which makes the default description {@code <file>-<index>}.
         */
        public Builder origin(String file, int line, int indexInFile) {
            this.originFile = Objects.requireNonNull(file, "file");
            this.originLine = line;
            this.index = indexInFile;
            return this;
        }

        /**
         * The definition.
         *
         * @throws ConfigException when znode or action is missing, or uid/gid is given for an in-process action
         */
        public WatchDefinition build() throws ConfigException {
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
            return new WatchDefinition(znode, action, pipeStdin, runOnLoad, runMode, desc, user, group, watchType,
                    notifySignal, timeout, env, origin,
                    new FleetControls(splay, debounce, fleetLimit, fleetPath, ifChanged), retries, retryDelay, onFailure);
        }

        // Linux ids go to 2^32-2, but the supervisor (and setpriv through jnr) takes a signed int: a larger id would
        // pass here and fail at every run, so it is refused here.
        private static String checkId(String what, long id) throws ConfigException {
            if (id < 0 || id > Integer.MAX_VALUE) {
                throw new ConfigException(what + " must be a name or a number from 0 to 2147483647, not " + id);
            }
            return Long.toString(id);
        }

        private static String checkAccount(String what, String value) throws ConfigException {
            if (value == null) {
                return null;
            }
            String v = value.trim();
            if (v.matches("[0-9]+")) {
                return checkId(what, Long.parseLong(v.length() > 12 ? "99999999999" : v));
            }
            if (!v.matches("[A-Za-z_][A-Za-z0-9_.-]*\\$?")) {
                throw new ConfigException(what + " must be a " + (what.equals("uid") ? "user" : "group")
                        + " name or a number, not '" + value + "'");
            }
            return v;
        }
    }
}
