package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the values the DSL's methods receive, whether JRuby ran the file or it was read as literals: names, and
 * action parameters as the plain data an {@link ActionSpec} holds (String, Boolean, Long, Double, List, Map). Names
 * no JRuby class.
 */
final class DslValues {
    private DslValues() {}

    /** A Symbol's name or a String's text, or null for anything else. */
    static String name(RbValue value) {
        return value.isSymbol() || value.isString() ? value.text() : null;
    }

    /** A keyword's name as messages show it: {@code :znod}, or the inspected key when it is not a Symbol. */
    static String keyword(RbValue key) {
        return key.isSymbol() ? ":" + key.text() : key.describe();
    }

    /** Keyword parameters of an action as plain data, in the order given; nil values are left out. */
    static Map<String, Object> params(String method, List<Map.Entry<RbValue, RbValue>> keywords)
            throws ConfigException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<RbValue, RbValue> e : keywords) {
            String key = name(e.getKey());
            if (key == null) {
                throw new ConfigException(method + ": parameter names must be Symbols or Strings, not "
                        + e.getKey().describe());
            }
            RbValue value = e.getValue();
            if (!value.isNil()) {
                out.put(key, plain(method, key, value));
            }
        }
        return out;
    }

    /** A parameter value as plain data: Symbols become Strings, Hash keys Strings. */
    static Object plain(String method, String param, RbValue value) throws ConfigException {
        if (value.isString() || value.isSymbol()) {
            return value.text();
        }
        if (value.isBool()) {
            return value.isTrue();
        }
        if (value.isInteger() && !value.isBignum()) {
            return value.longValue();
        }
        if (value.isFloat()) {
            return value.doubleValue();
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            for (RbValue item : value.items()) {
                list.add(plain(method, param, item));
            }
            return list;
        }
        if (value.isHash()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<RbValue, RbValue> e : value.entries()) {
                String key = name(e.getKey());
                if (key == null) {
                    throw new ConfigException(method + ": " + param + " must have String or Symbol keys, not "
                            + e.getKey().describe());
                }
                map.put(key, plain(method, param, e.getValue()));
            }
            return map;
        }
        throw new ConfigException(method + ": " + param + " must be plain data (a String, Symbol, Integer, Float,"
                + " true, false, Array or Hash), not " + value.describe());
    }
}
