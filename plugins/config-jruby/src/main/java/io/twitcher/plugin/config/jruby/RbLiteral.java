package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ActionSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A value read from a {@code .rb} file's literals without JRuby ({@link LiteralRb}): nil, true, false, a String, a
 * Symbol, an Integer that fits a Java long, a Float, an Array, a Hash (its entries in the order written, no key
 * twice), or what {@code exec(...)} and its siblings returned.
 *
 * @param kind  which of these
 * @param value {@code null}, a Boolean, String (String, Symbol), Long, Double, {@code List<RbValue>} (Array),
 *              {@code List<Map.Entry<RbValue, RbValue>>} (Hash) or ActionSpec
 */
record RbLiteral(Kind kind, Object value) implements RbValue {
    static final RbLiteral NIL = new RbLiteral(Kind.NIL, null);

    enum Kind {
        NIL("NilClass"),
        BOOL("Boolean"),
        STRING("String"),
        SYMBOL("Symbol"),
        INTEGER("Integer"),
        FLOAT("Float"),
        ARRAY("Array"),
        HASH("Hash"),
        SPEC("Java::IoTwitcherApi::ActionSpec");

        private final String className;

        Kind(String className) {
            this.className = className;
        }
    }

    @Override
    public boolean isNil() {
        return kind == Kind.NIL;
    }

    @Override
    public boolean isBool() {
        return kind == Kind.BOOL;
    }

    @Override
    public boolean isTrue() {
        return kind != Kind.NIL && !(kind == Kind.BOOL && !(Boolean) value);
    }

    @Override
    public boolean isString() {
        return kind == Kind.STRING;
    }

    @Override
    public boolean isSymbol() {
        return kind == Kind.SYMBOL;
    }

    @Override
    public String text() {
        return (String) value;
    }

    @Override
    public boolean isInteger() {
        return kind == Kind.INTEGER;
    }

    @Override
    public boolean isBignum() {
        return false;
    }

    @Override
    public long longValue() {
        return (Long) value;
    }

    @Override
    public boolean isFloat() {
        return kind == Kind.FLOAT;
    }

    @Override
    public boolean isNumeric() {
        return kind == Kind.INTEGER || kind == Kind.FLOAT;
    }

    @Override
    public double doubleValue() {
        return ((Number) value).doubleValue();
    }

    @Override
    public boolean isArray() {
        return kind == Kind.ARRAY;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<RbValue> items() {
        return (List<RbValue>) value;
    }

    @Override
    public boolean isHash() {
        return kind == Kind.HASH;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Map.Entry<RbValue, RbValue>> entries() {
        return (List<Map.Entry<RbValue, RbValue>>) value;
    }

    @Override
    public ActionSpec spec() {
        return kind == Kind.SPEC ? (ActionSpec) value : null;
    }

    @Override
    public String describe() {
        return switch (kind) {
            case NIL -> "nil";
            case BOOL -> value.toString();
            case SPEC -> "an action (" + spec().type() + ")";
            default -> {
                String text = kind == Kind.STRING ? "'" + value + "'" : inspect();
                yield (text.length() > 60 ? text.substring(0, 57) + "..." : text) + " (" + kind.className + ")";
            }
        };
    }

    @Override
    public String inspect() {
        return switch (kind) {
            case NIL -> "nil";
            case BOOL, INTEGER, FLOAT -> value.toString();
            case STRING -> "\"" + value + "\"";
            case SYMBOL -> ":" + value;
            case ARRAY -> items().stream().map(RbValue::inspect).collect(Collectors.joining(", ", "[", "]"));
            case HASH ->
                entries().stream()
                        .map(e -> e.getKey().inspect() + " => " + e.getValue().inspect())
                        .collect(Collectors.joining(", ", "{", "}"));
            case SPEC -> "#<ActionSpec " + spec().type() + ">";
        };
    }
}
