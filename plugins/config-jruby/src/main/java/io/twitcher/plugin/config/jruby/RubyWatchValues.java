package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ConfigException;
import io.twitcher.api.RunMode;
import io.twitcher.api.Signals;
import io.twitcher.api.WatchType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the Ruby value of one {@code register_watch} keyword into the Java value {@link
 * io.twitcher.api.WatchDefinition.Builder} takes ({@code :queue} to {@link RunMode#QUEUE}, {@code :HUP} to 1), or
 * throws {@link ConfigException} with a reason in the DSL's terms when the value has the wrong Ruby type. The builder
 * still checks the range; {@link RubyRegisterWatch} applies the result.
 */
final class RubyWatchValues {
    private RubyWatchValues() {}

    static boolean bool(String name, RbValue v) throws ConfigException {
        if (v.isBool()) {
            return v.isTrue();
        }
        throw new ConfigException(name + " must be true or false, not " + v.describe());
    }

    static RunMode runMode(RbValue v) throws ConfigException {
        try {
            if (v.isSymbol()) {
                return RunMode.valueOf(v.text().toUpperCase(Locale.ROOT));
            }
            if (v.isInteger() && !v.isBignum()) {
                return RunMode.fromCode(v.longValue());
            }
        } catch (IllegalArgumentException | ConfigException e) {
            // reported below, with the value
        }
        throw new ConfigException("run_mode must be :queue, :discard or :parallel (or QUEUE, DISCARD, PARALLEL),"
                + " not " + v.describe());
    }

    static WatchType watchType(RbValue v) throws ConfigException {
        try {
            if (v.isSymbol()) {
                return WatchType.valueOf(v.text().toUpperCase(Locale.ROOT));
            }
            if (v.isInteger() && !v.isBignum()) {
                return WatchType.fromCode(v.longValue());
            }
        } catch (IllegalArgumentException | ConfigException e) {
            // reported below, with the value
        }
        throw new ConfigException(
                "watch_type must be :data or :children (or WATCH_DATA, WATCH_CHILDREN), not " + v.describe());
    }

    static long signal(RbValue v) throws ConfigException {
        if (v.isNil()) {
            return 0;
        }
        if (v.isInteger()) {
            if (v.isBignum()) {
                throw new ConfigException("notify_signal must be a signal number from 1 to 31 or a name such as HUP,"
                        + " not " + v.inspect());
            }
            return Signals.check(v.longValue());
        }
        String name = DslValues.name(v);
        if (name != null) {
            return Signals.parse(name);
        }
        throw new ConfigException(
                "notify_signal must be a signal number from 1 to 31 or a name such as :HUP, not " + v.describe());
    }

    static double seconds(String name, RbValue v) throws ConfigException {
        if (v.isNil()) {
            return 0;
        }
        if (v.isNumeric()) {
            return v.doubleValue();
        }
        throw new ConfigException(name + " must be a number of seconds from 0 to 86400, not " + v.describe());
    }

    /**
     * A Hash of String (or Symbol) names to String values, such as {@code {'DEPLOY_TARGET' => 'blue'}}; null for nil.
     */
    static Map<String, String> env(RbValue v) throws ConfigException {
        if (v.isNil()) {
            return null;
        }
        if (!v.isHash()) {
            throw new ConfigException("env must be a Hash of String to String such as {'DEPLOY_TARGET' => 'blue'}, "
                    + "not " + v.describe());
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (Map.Entry<RbValue, RbValue> e : v.entries()) {
            RbValue key = e.getKey();
            RbValue value = e.getValue();
            if (!key.isString() && !key.isSymbol()) {
                throw new ConfigException("env names must be Strings, not " + key.describe());
            }
            String name = key.text();
            if (!value.isString()) {
                throw new ConfigException("env: the value of " + name + " must be a String, not " + value.describe());
            }
            vars.put(name, value.text());
        }
        return vars;
    }
}
