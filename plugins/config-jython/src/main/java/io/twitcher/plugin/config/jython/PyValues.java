package io.twitcher.plugin.config.jython;

import io.twitcher.api.ConfigException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.python.core.PyBoolean;
import org.python.core.PyDictionary;
import org.python.core.PyFloat;
import org.python.core.PyInteger;
import org.python.core.PyList;
import org.python.core.PyLong;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyStringMap;
import org.python.core.PyTuple;
import org.python.core.PyUnicode;

/** Python values as the config functions check and convert them: Python's type names, reprs and truthless rules. */
final class PyValues {
    private PyValues() {
    }

    /** Python's name for the value's type ({@code str}, {@code int}, {@code function}). */
    static String typeName(PyObject value) {
        if (value instanceof PythonActionConstructor.SpecValue spec) {
            return spec.spec().type() + " action";
        }
        return value.getType().fastGetName();
    }

    /** {@code repr(value)}, shortened for messages. */
    static String repr(PyObject value) {
        String r = value.__repr__().toString();
        return r.length() > 60 ? r.substring(0, 57) + "..." : r;
    }

    static boolean isStr(PyObject value) {
        return value instanceof PyString;
    }

    /** An int or a long, but not a bool (True is an int in Python; it is never meant as a number here). */
    static boolean isInt(PyObject value) {
        return (value instanceof PyInteger || value instanceof PyLong) && !(value instanceof PyBoolean);
    }

    static boolean isNumber(PyObject value) {
        return isInt(value) || value instanceof PyFloat;
    }

    /** A str or unicode as Java text; a byte string is read as UTF-8, the usual encoding of a coded source. */
    static String str(PyObject value) {
        if (value instanceof PyUnicode u) {
            return u.getString();
        }
        String bytes = ((PyString) value).getString();
        for (int i = 0; i < bytes.length(); i++) {
            if (bytes.charAt(i) > 0x7f) {
                return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return bytes;
    }

    /** An int or long, clamped to the range of a Java long (callers check narrower ranges). */
    static long longValue(PyObject value) {
        if (value instanceof PyLong l) {
            BigInteger big = l.getValue();
            return big.bitLength() < 64 ? big.longValue() : big.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return ((PyInteger) value).getValue();
    }

    /**
     * An action parameter as plain data: str to String, bool to Boolean, int to Long, float to Double, list or tuple
     * to List, dict (str keys) to Map; None to {@code null}.
     *
     * @param what how messages name the value ({@code "Webhook: headers"})
     */
    static Object toJava(PyObject value, String what) throws ConfigException {
        if (value == null || value == org.python.core.Py.None) {
            return null;
        }
        if (value instanceof PyBoolean b) {
            return b.getBooleanValue();
        }
        if (isStr(value)) {
            return str(value);
        }
        if (isInt(value)) {
            if (value instanceof PyLong l && l.getValue().bitLength() >= 64) {
                throw new ConfigException(what + " is too large: " + repr(value));
            }
            return longValue(value);
        }
        if (value instanceof PyFloat f) {
            return f.getValue();
        }
        if (value instanceof PyList || value instanceof PyTuple) {
            List<Object> out = new ArrayList<>();
            for (PyObject item : value.asIterable()) {
                out.add(toJava(item, what));
            }
            return out;
        }
        if (value instanceof PyDictionary || value instanceof PyStringMap) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (PyObject key : value.asIterable()) {
                if (!isStr(key)) {
                    throw new ConfigException(what + " must have str keys, not " + typeName(key) + " " + repr(key));
                }
                out.put(str(key), toJava(value.__getitem__(key), what + "['" + str(key) + "']"));
            }
            return out;
        }
        throw new ConfigException(what + " must be a str, bool, int, float, list or dict, not " + typeName(value));
    }
}
