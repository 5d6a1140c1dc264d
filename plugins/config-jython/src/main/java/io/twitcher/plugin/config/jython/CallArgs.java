package io.twitcher.plugin.config.jython;

import io.twitcher.api.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a call's positional and keyword arguments to parameter names the way Python does, with Python's messages
 * ({@code RegisterWatch() got an unexpected keyword argument 'znod'}).
 *
 * @param function the function's name, for messages
 * @param names    its parameters, in order
 * @param values   the bound values by name (absent: not given)
 * @param extra    the keyword arguments no parameter took, for a function with {@code **params}
 */
record CallArgs(String function, List<String> names, Map<String, TwcValue> values, Map<String, TwcValue> extra) {

    /**
     * Binds Jython's calling convention: {@code args} holds the positional values, then one value per keyword.
     *
     * @param acceptsExtra whether keywords that name no parameter go to {@link #extra} instead of failing
     */
    static CallArgs bind(
            String function, List<String> names, List<TwcValue> args, List<String> keywords, boolean acceptsExtra)
            throws ConfigException {
        int positional = args.size() - keywords.size();
        if (positional > names.size()) {
            throw new ConfigException(function + "() takes at most " + names.size() + " argument"
                    + (names.size() == 1 ? "" : "s") + " (" + positional + " given)");
        }
        Map<String, TwcValue> values = new LinkedHashMap<>();
        for (int i = 0; i < positional; i++) {
            values.put(names.get(i), args.get(i));
        }
        Map<String, TwcValue> extra = new LinkedHashMap<>();
        for (int k = 0; k < keywords.size(); k++) {
            String name = keywords.get(k);
            TwcValue value = args.get(positional + k);
            if (names.contains(name)) {
                if (values.putIfAbsent(name, value) != null) {
                    throw new ConfigException(function + "() got multiple values for keyword argument '" + name + "'");
                }
            } else if (acceptsExtra) {
                extra.put(name, value);
            } else {
                throw new ConfigException(function + "() got an unexpected keyword argument '" + name + "'");
            }
        }
        return new CallArgs(function, names, values, extra);
    }

    /** The value bound to {@code name}, or {@code null} when not given or given as None. */
    TwcValue get(String name) {
        TwcValue v = values.get(name);
        return v == null || v.isNone() ? null : v;
    }
}
