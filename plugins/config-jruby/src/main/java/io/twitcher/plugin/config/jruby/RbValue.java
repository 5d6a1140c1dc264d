package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ActionSpec;
import java.util.List;
import java.util.Map;

/**
 * A value given to one of the DSL's methods, as their checks see it: a JRuby object ({@link JRubyValue}), or a
 * literal read without JRuby ({@link RbLiteral}). Nothing in this interface names a JRuby class, so that a file of
 * literals never loads one.
 */
interface RbValue {
    /** nil, or absent (how JRuby hands nil to Java). */
    boolean isNil();

    /** true or false. */
    boolean isBool();

    /** Ruby's truth of a true or false. */
    boolean isTrue();

    boolean isString();

    boolean isSymbol();

    /** A String's text or a Symbol's name. */
    String text();

    /** An Integer, a Bignum included. */
    boolean isInteger();

    /** An Integer beyond a Java long. */
    boolean isBignum();

    /** An Integer's value (not a Bignum's). */
    long longValue();

    boolean isFloat();

    /** An Integer, a Float or a Rational. */
    boolean isNumeric();

    /** A number's value as a Float. */
    double doubleValue();

    boolean isArray();

    List<RbValue> items();

    boolean isHash();

    /** A Hash's entries, in its order. */
    List<Map.Entry<RbValue, RbValue>> entries();

    /** The action a DSL method such as {@code exec(...)} returned, or {@code null}. */
    ActionSpec spec();

    /** How messages show the value: {@code nil}, {@code true}, {@code 'x' (String)}, {@code 1.5 (Float)}. */
    String describe();

    /** Ruby's {@code inspect}. */
    String inspect();
}
