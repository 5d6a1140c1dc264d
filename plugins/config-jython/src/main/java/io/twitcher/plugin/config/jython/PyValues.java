package io.twitcher.plugin.config.jython;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.python.core.PyBoolean;
import org.python.core.PyInteger;
import org.python.core.PyLong;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyUnicode;

/** Python values as the config functions check and convert them: Python's type names, reprs and truthless rules. */
final class PyValues {
    private PyValues() {}

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
}
