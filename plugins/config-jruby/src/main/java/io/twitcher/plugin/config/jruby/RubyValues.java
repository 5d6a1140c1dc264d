package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ActionSpec;
import org.jruby.RubyBoolean;
import org.jruby.RubyString;
import org.jruby.java.proxies.JavaProxy;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * Reads JRuby values the DSL receives: describes them for error messages ({@code 42 (Integer)}) and finds the action
 * a DSL method returned. ({@link DslValues} reads values whichever way the file was read.)
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
}
