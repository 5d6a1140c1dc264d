package io.twitcher.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The value rules behind {@link WatchDefinition.Builder}'s setters and {@link WatchDefinition#checkZnode}: each method
 * checks one RegisterWatch argument and returns it in the form the definition keeps, or throws
 * {@link ConfigException} with a reason in RegisterWatch's terms, to which the loader adds the file and line.
 */
final class WatchChecks {
    private WatchChecks() {}

    static String znode(String path) throws ConfigException {
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
            if (c == 0
                    || (c > 0 && c < 0x1f)
                    || (c > 0x7f && c < 0x9f)
                    || (c >= 0xd800 && c <= 0xf8ff)
                    || (c >= 0xfff0 && c <= 0xffff)) {
                throw new ConfigException("znode contains a character ZooKeeper does not allow (U+"
                        + String.format("%04X", (int) c) + "): '" + path.replace("\0", "\\0") + "'");
            }
        }
        return path;
    }

    static int fleetLimit(long limit) throws ConfigException {
        if (limit < 0 || limit > 10_000) {
            throw new ConfigException(
                    "fleet_limit must be a number of machines from 1 to 10000 (0: no limit), not " + limit);
        }
        return (int) limit;
    }

    static String fleetPath(String path) throws ConfigException {
        if (path != null) {
            try {
                znode(path);
            } catch (ConfigException e) {
                throw new ConfigException("fleet_path" + e.getMessage().substring("znode".length()));
            }
            if (path.equals("/")) {
                throw new ConfigException("fleet_path must not be '/'");
            }
        }
        return path;
    }

    /** splay and debounce: 0 to 86400 seconds; {@code null} for 0. */
    static Duration seconds(String key, double seconds) throws ConfigException {
        if (!(seconds >= 0) || seconds > 86_400) {
            throw new ConfigException(key + " must be a number of seconds from 0 to 86400, not " + number(seconds));
        }
        return seconds == 0 ? null : Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** timeout and retry_delay: finite and greater than 0, at least one nanosecond. */
    static Duration positiveSeconds(String key, double seconds) throws ConfigException {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new ConfigException(key + " must be a number of seconds greater than 0, not " + number(seconds));
        }
        return Duration.ofNanos(Math.max(1, Math.round(seconds * 1e9)));
    }

    // A whole number reads as one ("not -5", not "not -5.0").
    private static String number(double seconds) {
        return seconds == Math.rint(seconds) && !Double.isInfinite(seconds)
                ? String.valueOf((long) seconds)
                : String.valueOf(seconds);
    }

    static String description(String text) throws ConfigException {
        if (text != null && text.isBlank()) {
            throw new ConfigException("description must not be empty");
        }
        return text;
    }

    static int retries(long count) throws ConfigException {
        if (count < 0 || count > WatchDefinition.MAX_RETRIES) {
            throw new ConfigException(
                    "retries must be a whole number from 0 to " + WatchDefinition.MAX_RETRIES + ", not " + count);
        }
        return (int) count;
    }

    static Map<String, String> env(Map<?, ?> variables) throws ConfigException {
        Map<String, String> checked = new TreeMap<>();
        for (Map.Entry<?, ?> e : Objects.requireNonNull(variables, "env").entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new ConfigException("env names must be strings, not " + e.getKey());
            }
            checked.put(envName(name), envValue(name, e.getValue()));
        }
        return Map.copyOf(checked);
    }

    static String envName(String name) throws ConfigException {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigException("env: '" + name.replace("\0", "\\0") + "' is not a valid variable name "
                    + "(letters, digits and '_', not starting with a digit)");
        }
        if (name.startsWith("TWITCHER_")) {
            throw new ConfigException("env: " + name + " is set by the daemon; TWITCHER_ names are reserved");
        }
        return name;
    }

    private static String envValue(String name, Object value) throws ConfigException {
        if (!(value instanceof String text)) {
            throw new ConfigException(
                    "env: the value of " + name + " must be a string, not " + (value == null ? "nothing" : value));
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
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

    // Linux ids go to 2^32-2, but the supervisor (and setpriv through jnr) takes a signed int: a larger id would
    // pass here and fail at every run, so it is refused here.
    static String id(String what, long id) throws ConfigException {
        if (id < 0 || id > Integer.MAX_VALUE) {
            throw new ConfigException(what + " must be a name or a number from 0 to 2147483647, not " + id);
        }
        return Long.toString(id);
    }

    static String account(String what, String value) throws ConfigException {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.matches("[0-9]+")) {
            return id(what, Long.parseLong(v.length() > 12 ? "99999999999" : v));
        }
        if (!v.matches("[A-Za-z_][A-Za-z0-9_.-]*\\$?")) {
            throw new ConfigException(what + " must be a " + (what.equals("uid") ? "user" : "group")
                    + " name or a number, not '" + value + "'");
        }
        return v;
    }
}
