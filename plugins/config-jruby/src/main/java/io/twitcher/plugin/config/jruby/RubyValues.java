package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jruby.RubyArray;
import org.jruby.RubyBignum;
import org.jruby.RubyBoolean;
import org.jruby.RubyFloat;
import org.jruby.RubyHash;
import org.jruby.RubyInteger;
import org.jruby.RubyString;
import org.jruby.RubySymbol;
import org.jruby.java.proxies.JavaProxy;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * Reads Ruby values the DSL receives: describes them for error messages ({@code 42 (Integer)}) and turns action
 * parameters into the plain data an {@link ActionSpec} holds (String, Boolean, Long, Double, List, Map).
 */
final class RubyValues {
    private static final int MAX_INSPECT = 60;

    private RubyValues() {}

    /** Whether {@code value} is absent: Java null (how JRuby hands nil to Java) or Ruby nil. */
    static boolean isNil(IRubyObject value) {
        return value == null || value.isNil();
    }

    /** The action a DSL method such as {@code exec(...)} returned, or null when {@code value} is none. */
    static ActionSpec actionSpec(IRubyObject value) {
        return value instanceof JavaProxy proxy && proxy.getObject() instanceof ActionSpec spec ? spec : null;
    }

    /** How messages show a value: {@code nil}, {@code true}, {@code 'x' (String)}, {@code 1.5 (Float)}. */
    static String describe(IRubyObject value) {
        if (isNil(value)) {
            return "nil";
        }
        if (value instanceof RubyBoolean) {
            return value.isTrue() ? "true" : "false";
        }
        ActionSpec spec = actionSpec(value);
        if (spec != null) {
            return "an action (" + spec.type() + ")";
        }
        String text;
        if (value instanceof RubyString s) {
            text = "'" + s.asJavaString() + "'";
        } else {
            try {
                text = value.inspect().toString();
            } catch (RuntimeException e) {
                text = "#<" + className(value) + ">";
            }
        }
        if (text.length() > MAX_INSPECT) {
            text = text.substring(0, MAX_INSPECT - 3) + "...";
        }
        return text + " (" + className(value) + ")";
    }

    /** The Ruby class name of a value. */
    static String className(IRubyObject value) {
        return isNil(value) ? "NilClass" : value.getMetaClass().getRealClass().getName();
    }

    /** A Symbol's name or a String's text, or null for anything else. */
    static String name(IRubyObject value) {
        if (value instanceof RubySymbol symbol) {
            return symbol.asJavaString();
        }
        return value instanceof RubyString s ? s.asJavaString() : null;
    }

    /** A keyword's name as messages show it: {@code :znod}, or the inspected key when it is not a Symbol. */
    static String keyword(IRubyObject key) {
        return key instanceof RubySymbol symbol ? ":" + symbol.asJavaString() : describe(key);
    }

    /** Keyword parameters of an action as plain data, in the order given; nil values are left out. */
    static Map<String, Object> params(String method, IRubyObject hash) throws ConfigException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (hash instanceof RubyHash h) {
            for (Object o : h.directEntrySet()) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
                String key = name((IRubyObject) e.getKey());
                if (key == null) {
                    throw new ConfigException(method + ": parameter names must be Symbols or Strings, not "
                            + describe((IRubyObject) e.getKey()));
                }
                IRubyObject value = (IRubyObject) e.getValue();
                if (!isNil(value)) {
                    out.put(key, plain(method, key, value));
                }
            }
        }
        return out;
    }

    /** A parameter value as plain data: Symbols become Strings, Hash keys Strings. */
    static Object plain(String method, String param, IRubyObject value) throws ConfigException {
        if (value instanceof RubyString s) {
            return s.asJavaString();
        }
        if (value instanceof RubySymbol symbol) {
            return symbol.asJavaString();
        }
        if (value instanceof RubyBoolean) {
            return value.isTrue();
        }
        if (value instanceof RubyInteger && !(value instanceof RubyBignum)) {
            return ((RubyInteger) value).getLongValue();
        }
        if (value instanceof RubyFloat f) {
            return f.getDoubleValue();
        }
        if (value instanceof RubyArray<?> array) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < array.getLength(); i++) {
                list.add(plain(method, param, array.eltInternal(i)));
            }
            return list;
        }
        if (value instanceof RubyHash hash) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Object o : hash.directEntrySet()) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
                String key = name((IRubyObject) e.getKey());
                if (key == null) {
                    throw new ConfigException(method + ": " + param + " must have String or Symbol keys, not "
                            + describe((IRubyObject) e.getKey()));
                }
                map.put(key, plain(method, param, (IRubyObject) e.getValue()));
            }
            return map;
        }
        throw new ConfigException(method + ": " + param + " must be plain data (a String, Symbol, Integer, Float,"
                + " true, false, Array or Hash), not " + describe(value));
    }
}
