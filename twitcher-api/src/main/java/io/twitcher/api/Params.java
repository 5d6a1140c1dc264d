package io.twitcher.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to an action's parameters, for {@link ActionType#create}. Every config language can name every action
 * type, and some (properties files) only have strings: the getters accept a value of the right type or a string that
 * spells one ({@code "true"}, {@code "2.5"}); a list must be a list (the properties loader turns {@code argv}'s JSON
 * text into one). Failures are {@link ConfigException}s whose reason
 * names the type and the parameter ({@code "http: timeout must be a number, not 'soon'"}).
 *
 * <p>Not thread-safe; use one per {@link ActionType#create} call.
 */
public final class Params {
    private final String type;
    private final Map<String, Object> values;
    private final Set<String> read = new TreeSet<>();

    private Params(String type, Map<String, Object> values) {
        this.type = type;
        this.values = values;
    }

    /** Parameters of the action type {@code type}. */
    public static Params of(String type, Map<String, Object> values) {
        return new Params(type, values);
    }

    /** Whether the parameter is present (and not null). */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** A required string. */
    public String string(String name) throws ConfigException {
        String value = string(name, null);
        if (value == null) {
            throw error(name + " is required");
        }
        return value;
    }

    /** An optional string. */
    public String string(String name, String fallback) throws ConfigException {
        Object v = take(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw error(name + " must be a string, not " + describe(v));
    }

    /** An optional whole number. */
    public long integer(String name, long fallback) throws ConfigException {
        Object v = take(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof java.math.BigInteger) {
            return ((Number) v).longValue();
        }
        if (v instanceof String s && s.trim().matches("-?[0-9]{1,18}")) {
            return Long.parseLong(s.trim());
        }
        throw error(name + " must be a whole number, not " + describe(v));
    }

    /** An optional number. */
    public double number(String name, double fallback) throws ConfigException {
        Object v = take(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && !(v instanceof Boolean)) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw error(name + " must be a number, not " + describe(v));
    }

    /** An optional boolean ({@code true}/{@code false}, also as strings in any case). */
    public boolean bool(String name, boolean fallback) throws ConfigException {
        Object v = take(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.parseBoolean(t);
            }
        }
        throw error(name + " must be true or false, not " + describe(v));
    }

    /** An optional list of strings; empty when absent. */
    public List<String> strings(String name) throws ConfigException {
        Object v = take(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String str)) {
                    throw error(name + " must contain only strings, not " + describe(item));
                }
                out.add(str);
            }
            return out;
        }
        throw error(name + " must be a list of strings, not " + describe(v));
    }

    /**
     * An optional map of strings: the map parameter {@code name}, merged with flat parameters {@code name.KEY}
     * (how a properties file spells a map: {@code http.header.X-Token=abc}).
     */
    public Map<String, String> stringMap(String name) throws ConfigException {
        Map<String, String> out = new LinkedHashMap<>();
        Object v = take(name);
        if (v instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || e.getValue() == null) {
                    throw error(name + " must map strings to strings");
                }
                out.put((String) e.getKey(), e.getValue().toString());
            }
        } else if (v != null) {
            throw error(name + " must be a map of names to values, not " + describe(v));
        }
        String prefix = name + ".";
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getValue() != null) {
                read.add(e.getKey());
                out.put(e.getKey().substring(prefix.length()), e.getValue().toString());
            }
        }
        return out;
    }

    /** Fails when a parameter was given that no getter asked for (a misspelt name). Call it after reading them all. */
    public void rejectUnknown() throws ConfigException {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw error("unknown parameter" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown));
        }
    }

    /** A {@link ConfigException} whose reason starts with the type's name. */
    public ConfigException error(String reason) {
        return new ConfigException(type + ": " + reason);
    }

    private Object take(String name) {
        read.add(name);
        return values.get(name);
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        return String.valueOf(v) + " (" + v.getClass().getSimpleName() + ")";
    }
}
