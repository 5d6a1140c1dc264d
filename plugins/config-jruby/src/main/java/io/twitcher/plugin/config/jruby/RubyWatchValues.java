package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ConfigException;
import io.twitcher.api.RunMode;
import io.twitcher.api.Signals;
import io.twitcher.api.WatchType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jruby.RubyBignum;
import org.jruby.RubyBoolean;
import org.jruby.RubyFloat;
import org.jruby.RubyHash;
import org.jruby.RubyInteger;
import org.jruby.RubyRational;
import org.jruby.RubyString;
import org.jruby.RubySymbol;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * Turns the Ruby value of one {@code register_watch} keyword into the Java value {@link
 * io.twitcher.api.WatchDefinition.Builder} takes ({@code :queue} to {@link RunMode#QUEUE}, {@code :HUP} to 1), or
 * throws {@link ConfigException} with a reason in the DSL's terms when the value has the wrong Ruby type. The builder
 * still checks the range; {@link RubyRegisterWatch} applies the result.
 */
final class RubyWatchValues {
    private RubyWatchValues() {}

    static boolean bool(String name, IRubyObject v) throws ConfigException {
        if (v instanceof RubyBoolean) {
            return v.isTrue();
        }
        throw new ConfigException(name + " must be true or false, not " + RubyValues.describe(v));
    }

    static RunMode runMode(IRubyObject v) throws ConfigException {
        try {
            if (v instanceof RubySymbol s) {
                return RunMode.valueOf(s.asJavaString().toUpperCase(Locale.ROOT));
            }
            if (v instanceof RubyInteger i && !(v instanceof RubyBignum)) {
                return RunMode.fromCode(i.getLongValue());
            }
        } catch (IllegalArgumentException | ConfigException e) {
            // reported below, with the value
        }
        throw new ConfigException("run_mode must be :queue, :discard or :parallel (or QUEUE, DISCARD, PARALLEL),"
                + " not " + RubyValues.describe(v));
    }

    static WatchType watchType(IRubyObject v) throws ConfigException {
        try {
            if (v instanceof RubySymbol s) {
                return WatchType.valueOf(s.asJavaString().toUpperCase(Locale.ROOT));
            }
            if (v instanceof RubyInteger i && !(v instanceof RubyBignum)) {
                return WatchType.fromCode(i.getLongValue());
            }
        } catch (IllegalArgumentException | ConfigException e) {
            // reported below, with the value
        }
        throw new ConfigException(
                "watch_type must be :data or :children (or WATCH_DATA, WATCH_CHILDREN), not " + RubyValues.describe(v));
    }

    static long signal(IRubyObject v) throws ConfigException {
        if (RubyValues.isNil(v)) {
            return 0;
        }
        if (v instanceof RubyInteger i) {
            if (v instanceof RubyBignum) {
                throw new ConfigException("notify_signal must be a signal number from 1 to 31 or a name such as HUP,"
                        + " not " + v.inspect());
            }
            return Signals.check(i.getLongValue());
        }
        String name = RubyValues.name(v);
        if (name != null) {
            return Signals.parse(name);
        }
        throw new ConfigException("notify_signal must be a signal number from 1 to 31 or a name such as :HUP, not "
                + RubyValues.describe(v));
    }

    static double seconds(String name, IRubyObject v) throws ConfigException {
        if (RubyValues.isNil(v)) {
            return 0;
        }
        if (v instanceof RubyInteger || v instanceof RubyFloat || v instanceof RubyRational) {
            return v.convertToFloat().getDoubleValue();
        }
        throw new ConfigException(name + " must be a number of seconds from 0 to 86400, not " + RubyValues.describe(v));
    }

    /**
     * A Hash of String (or Symbol) names to String values, such as {@code {'DEPLOY_TARGET' => 'blue'}}; null for nil.
     */
    static Map<String, String> env(IRubyObject v) throws ConfigException {
        if (RubyValues.isNil(v)) {
            return null;
        }
        if (!(v instanceof RubyHash hash)) {
            throw new ConfigException("env must be a Hash of String to String such as {'DEPLOY_TARGET' => 'blue'}, "
                    + "not " + RubyValues.describe(v));
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (Object o : hash.directEntrySet()) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
            IRubyObject key = (IRubyObject) e.getKey();
            IRubyObject value = (IRubyObject) e.getValue();
            String name;
            if (key instanceof RubyString s) {
                name = s.asJavaString();
            } else if (key instanceof RubySymbol s) {
                name = s.asJavaString();
            } else {
                throw new ConfigException("env names must be Strings, not " + RubyValues.describe(key));
            }
            if (!(value instanceof RubyString s)) {
                throw new ConfigException(
                        "env: the value of " + name + " must be a String, not " + RubyValues.describe(value));
            }
            vars.put(name, s.asJavaString());
        }
        return vars;
    }
}
