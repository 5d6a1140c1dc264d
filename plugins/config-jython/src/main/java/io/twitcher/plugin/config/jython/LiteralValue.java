package io.twitcher.plugin.config.jython;

import io.twitcher.api.ActionSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A value read from a {@code .twc} file's literals without Jython ({@link LiteralTwc}): None, a bool, an int that
 * fits a Java long, a float, a str or unicode, a list, a tuple, a dict (its entries in the order written, no key
 * twice), or what Exec(...) and its siblings returned.
 *
 * @param kind  which of these
 * @param value {@code null}, a Boolean, Long, Double or String, a {@code List<TwcValue>} (list, tuple), a
 *              {@code List<Map.Entry<TwcValue, TwcValue>>} (dict) or an ActionSpec
 */
record LiteralValue(Kind kind, Object value) implements TwcValue {
    static final LiteralValue NONE = new LiteralValue(Kind.NONE, null);

    enum Kind {
        NONE("NoneType"),
        BOOL("bool"),
        INT("int"),
        FLOAT("float"),
        STR("str"),
        UNICODE("unicode"),
        LIST("list"),
        TUPLE("tuple"),
        DICT("dict"),
        SPEC("action");

        private final String pythonName;

        Kind(String pythonName) {
            this.pythonName = pythonName;
        }
    }

    @Override
    public boolean isNone() {
        return kind == Kind.NONE;
    }

    @Override
    public boolean isStr() {
        return kind == Kind.STR || kind == Kind.UNICODE;
    }

    @Override
    public String str() {
        return (String) value;
    }

    @Override
    public boolean isBool() {
        return kind == Kind.BOOL;
    }

    @Override
    public boolean boolValue() {
        return (Boolean) value;
    }

    @Override
    public boolean isInt() {
        return kind == Kind.INT;
    }

    @Override
    public long longValue() {
        return (Long) value;
    }

    @Override
    public boolean fitsLong() {
        return true;
    }

    @Override
    public boolean isFloat() {
        return kind == Kind.FLOAT;
    }

    @Override
    public double doubleValue() {
        return ((Number) value).doubleValue();
    }

    @Override
    public boolean isSequence() {
        return kind == Kind.LIST || kind == Kind.TUPLE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<TwcValue> items() {
        return (List<TwcValue>) value;
    }

    @Override
    public boolean isDict() {
        return kind == Kind.DICT;
    }

    @Override
    public boolean isMapping() {
        return kind == Kind.DICT;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Map.Entry<TwcValue, TwcValue>> entries() {
        return (List<Map.Entry<TwcValue, TwcValue>>) value;
    }

    @Override
    public ActionSpec spec() {
        return kind == Kind.SPEC ? (ActionSpec) value : null;
    }

    @Override
    public boolean isPredefinedFunction() {
        return false;
    }

    @Override
    public boolean isCallable() {
        return kind == Kind.SPEC;
    }

    @Override
    public String typeName() {
        return kind == Kind.SPEC ? spec().type() + " action" : kind.pythonName;
    }

    @Override
    public String repr() {
        String r = fullRepr();
        return r.length() > 60 ? r.substring(0, 57) + "..." : r;
    }

    private String fullRepr() {
        return switch (kind) {
            case NONE -> "None";
            case BOOL -> boolValue() ? "True" : "False";
            case INT, FLOAT -> value.toString();
            case STR -> "'" + value + "'";
            case UNICODE -> "u'" + value + "'";
            case LIST -> items().stream().map(LiteralValue::reprOf).collect(Collectors.joining(", ", "[", "]"));
            case TUPLE ->
                items().stream()
                        .map(LiteralValue::reprOf)
                        .collect(Collectors.joining(", ", "(", items().size() == 1 ? ",)" : ")"));
            case DICT ->
                entries().stream()
                        .map(e -> reprOf(e.getKey()) + ": " + reprOf(e.getValue()))
                        .collect(Collectors.joining(", ", "{", "}"));
            case SPEC -> "<" + spec().type() + " action " + spec().params() + ">";
        };
    }

    private static String reprOf(TwcValue v) {
        return ((LiteralValue) v).fullRepr();
    }
}
