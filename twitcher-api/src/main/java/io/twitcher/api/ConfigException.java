package io.twitcher.api;

/**
 * A configuration is wrong. The message is one sentence a user can act on, prefixed by the place it refers to
 * ({@code conf.d/deploy.twc:12: RegisterWatch: run_mode must be QUEUE, DISCARD or PARALLEL}).
 *
 * <p>Code that only knows the reason throws {@code new ConfigException(reason)}; code that knows the file and line
 * adds them with {@link #at(String)} or {@link #at(String, int)}. A location that is already set is never replaced,
 * so the innermost, most precise location wins.
 */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final String reason;

    /** A reason without a location yet. */
    public ConfigException(String reason) {
        this(null, reason, null);
    }

    /** A reason without a location yet, caused by another exception. */
    public ConfigException(String reason, Throwable cause) {
        this(null, reason, cause);
    }

    private ConfigException(String location, String reason, Throwable cause) {
        super(location == null ? reason : location + ": " + reason, cause);
        this.location = location;
        this.reason = reason;
    }

    /** A reason at {@code file:line}; {@code line <= 0} means the file as a whole. */
    public static ConfigException at(String file, int line, String reason) {
        return new ConfigException(line > 0 ? file + ":" + line : file, reason, null);
    }

    /** This exception with a location, or this exception itself when it has one already. */
    public ConfigException at(String location) {
        if (this.location != null || location == null) {
            return this;
        }
        ConfigException located = new ConfigException(location, reason, getCause());
        located.setStackTrace(getStackTrace());
        return located;
    }

    /** This exception located at {@code file:line}, or itself when it has a location already. */
    public ConfigException at(String file, int line) {
        return at(line > 0 ? file + ":" + line : file);
    }

    /** {@code file:line} (or just the file), or {@code null} when not located yet. */
    public String location() {
        return location;
    }

    /** The reason alone, without the location. */
    public String reason() {
        return reason;
    }
}
