package io.twitcher.plugin.config.jython;

import io.twitcher.api.ActionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.python.core.Py;
import org.python.core.PyBoolean;
import org.python.core.PyDictionary;
import org.python.core.PyFloat;
import org.python.core.PyList;
import org.python.core.PyLong;
import org.python.core.PyObject;
import org.python.core.PyStringMap;
import org.python.core.PyTuple;

/** A Jython object as the functions' checks see it (see {@link TwcValue}). */
record JythonValue(PyObject object) implements TwcValue {

    /** Jython's calling convention, {@code args} holding the positional values and then one per keyword, as values. */
    static List<TwcValue> all(PyObject[] args) {
        List<TwcValue> out = new ArrayList<>(args.length);
        for (PyObject a : args) {
            out.add(new JythonValue(a));
        }
        return out;
    }

    /** The Jython object behind a value these functions were given. */
    static PyObject of(TwcValue value) {
        return ((JythonValue) value).object;
    }

    @Override
    public boolean isNone() {
        return object == Py.None;
    }

    @Override
    public boolean isStr() {
        return PyValues.isStr(object);
    }

    @Override
    public String str() {
        return PyValues.str(object);
    }

    @Override
    public boolean isBool() {
        return object instanceof PyBoolean;
    }

    @Override
    public boolean boolValue() {
        return ((PyBoolean) object).getBooleanValue();
    }

    @Override
    public boolean isInt() {
        return PyValues.isInt(object);
    }

    @Override
    public long longValue() {
        return PyValues.longValue(object);
    }

    @Override
    public boolean fitsLong() {
        return !(object instanceof PyLong l) || l.getValue().bitLength() < 64;
    }

    @Override
    public boolean isFloat() {
        return object instanceof PyFloat;
    }

    @Override
    public double doubleValue() {
        return object.asDouble();
    }

    @Override
    public boolean isSequence() {
        return object instanceof PyList || object instanceof PyTuple;
    }

    @Override
    public List<TwcValue> items() {
        List<TwcValue> out = new ArrayList<>();
        for (PyObject item : object.asIterable()) {
            out.add(new JythonValue(item));
        }
        return out;
    }

    @Override
    public boolean isDict() {
        return object instanceof PyDictionary;
    }

    @Override
    public boolean isMapping() {
        return object instanceof PyDictionary || object instanceof PyStringMap;
    }

    @Override
    public List<Map.Entry<TwcValue, TwcValue>> entries() {
        List<Map.Entry<TwcValue, TwcValue>> out = new ArrayList<>();
        for (PyObject key : object.asIterable()) {
            out.add(Map.entry(new JythonValue(key), new JythonValue(object.__getitem__(key))));
        }
        return out;
    }

    @Override
    public ActionSpec spec() {
        return object instanceof PythonActionConstructor.SpecValue s ? s.spec() : null;
    }

    @Override
    public boolean isPredefinedFunction() {
        return object instanceof PythonActionConstructor || object instanceof PythonRegisterWatch;
    }

    @Override
    public boolean isCallable() {
        return object.isCallable();
    }

    @Override
    public String typeName() {
        return PyValues.typeName(object);
    }

    @Override
    public String repr() {
        return PyValues.repr(object);
    }
}
