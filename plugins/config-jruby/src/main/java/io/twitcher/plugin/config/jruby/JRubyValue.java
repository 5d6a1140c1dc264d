package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ActionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jruby.RubyArray;
import org.jruby.RubyBignum;
import org.jruby.RubyBoolean;
import org.jruby.RubyFloat;
import org.jruby.RubyHash;
import org.jruby.RubyInteger;
import org.jruby.RubyRational;
import org.jruby.RubyString;
import org.jruby.RubySymbol;
import org.jruby.runtime.builtin.IRubyObject;

/** A JRuby object as the DSL's checks see it (see {@link RbValue}); {@code object} may be Java null (nil). */
record JRubyValue(IRubyObject object) implements RbValue {

    /** The items of a Ruby Array. */
    static List<RbValue> all(IRubyObject array) {
        List<RbValue> out = new ArrayList<>();
        RubyArray<?> a = (RubyArray<?>) array;
        for (int i = 0; i < a.getLength(); i++) {
            out.add(new JRubyValue(a.eltInternal(i)));
        }
        return out;
    }

    /** The JRuby object behind a value the DSL was given. */
    static IRubyObject of(RbValue value) {
        return ((JRubyValue) value).object;
    }

    @Override
    public boolean isNil() {
        return RubyValues.isNil(object);
    }

    @Override
    public boolean isBool() {
        return object instanceof RubyBoolean;
    }

    @Override
    public boolean isTrue() {
        return object.isTrue();
    }

    @Override
    public boolean isString() {
        return object instanceof RubyString;
    }

    @Override
    public boolean isSymbol() {
        return object instanceof RubySymbol;
    }

    @Override
    public String text() {
        return object instanceof RubySymbol s ? s.asJavaString() : ((RubyString) object).asJavaString();
    }

    @Override
    public boolean isInteger() {
        return object instanceof RubyInteger;
    }

    @Override
    public boolean isBignum() {
        return object instanceof RubyBignum;
    }

    @Override
    public long longValue() {
        return ((RubyInteger) object).getLongValue();
    }

    @Override
    public boolean isFloat() {
        return object instanceof RubyFloat;
    }

    @Override
    public boolean isNumeric() {
        return object instanceof RubyInteger || object instanceof RubyFloat || object instanceof RubyRational;
    }

    @Override
    public double doubleValue() {
        return object.convertToFloat().getDoubleValue();
    }

    @Override
    public boolean isArray() {
        return object instanceof RubyArray;
    }

    @Override
    public List<RbValue> items() {
        return all(object);
    }

    @Override
    public boolean isHash() {
        return object instanceof RubyHash;
    }

    @Override
    public List<Map.Entry<RbValue, RbValue>> entries() {
        List<Map.Entry<RbValue, RbValue>> out = new ArrayList<>();
        for (Object o : ((RubyHash) object).directEntrySet()) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
            out.add(Map.entry(new JRubyValue((IRubyObject) e.getKey()), new JRubyValue((IRubyObject) e.getValue())));
        }
        return out;
    }

    @Override
    public ActionSpec spec() {
        return RubyValues.actionSpec(object);
    }

    @Override
    public String describe() {
        return RubyValues.describe(object);
    }

    @Override
    public String inspect() {
        return object.inspect().toString();
    }
}
