package io.twitcher.plugin.config.jython;

import io.twitcher.api.ActionSpec;
import java.util.List;
import java.util.Map;

/**
 * A value given to one of the {@code .twc} functions, as their checks see it: a Jython object ({@link JythonValue}),
 * or a literal read without Jython ({@link LiteralValue}). Python's rules: a bool is not an int here, and None is a
 * value of its own. Nothing in this interface names a Jython class, so that a file of literals never loads one.
 */
interface TwcValue {
    boolean isNone();

    /** A str or a unicode. */
    boolean isStr();

    /** The text of a str or unicode (see {@link PyValues#str}). */
    String str();

    boolean isBool();

    boolean boolValue();

    /** An int or a long, not a bool. */
    boolean isInt();

    /** An int's value, clamped to a Java long. */
    long longValue();

    /** Whether an int fits a Java long. */
    boolean fitsLong();

    boolean isFloat();

    /** An int's or a float's value as a double. */
    double doubleValue();

    default boolean isNumber() {
        return isInt() || isFloat();
    }

    /** A list or a tuple. */
    boolean isSequence();

    /** A list's or tuple's items. */
    List<TwcValue> items();

    /** A dict (what {@code env} takes). */
    boolean isDict();

    /** A dict, or another mapping Python code can reach (a module's namespace). */
    boolean isMapping();

    /** A mapping's entries in its iteration order. */
    List<Map.Entry<TwcValue, TwcValue>> entries();

    /** What an action function returned ({@code Exec('...')}), or {@code null}. */
    ActionSpec spec();

    /** One of the predefined functions itself ({@code Exec} rather than {@code Exec('...')}). */
    boolean isPredefinedFunction();

    boolean isCallable();

    /** Python's name for the value's type ({@code str}, {@code int}, {@code function}). */
    String typeName();

    /** {@code repr(value)}, shortened for messages. */
    String repr();
}
