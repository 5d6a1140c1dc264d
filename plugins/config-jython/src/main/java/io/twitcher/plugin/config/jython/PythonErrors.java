package io.twitcher.plugin.config.jython;

import io.twitcher.api.ConfigException;
import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyObject;
import org.python.core.PyTraceback;

/** Turns Python exceptions into what users read: {@code <file>:<line>: <Type>: <message>}, or a traceback. */
final class PythonErrors {
    private PythonErrors() {}

    /** A compile error: SyntaxError or IndentationError, at the line Python gives for it. */
    static ConfigException syntaxError(PyException e, String file, byte[] source) {
        e.normalize();
        int line = 0;
        String message = null;
        PyObject lineno = e.value.__findattr__("lineno");
        if (lineno != null && lineno != Py.None) {
            line = lineno.asInt();
        }
        PyObject msg = e.value.__findattr__("msg");
        if (msg != null && msg != Py.None) {
            message = msg.toString();
        }
        if (message == null) {
            message = e.value.__str__().toString();
        }
        if (line == 0 && message.startsWith("Non-ASCII character")) {
            line = firstNonAsciiLine(source);
            message = "Non-ASCII character but no encoding declared; add '# -*- coding: utf-8 -*-' as the first line";
        }
        return ConfigException.at(file, line, typeName(e) + ": " + message);
    }

    /**
     * An exception raised while the file ran, at the innermost line of the file in its traceback: the statement at
     * fault, or the line in the file that called into the library that raised.
     */
    static ConfigException atLoad(PyException e, String file) {
        e.normalize();
        int line = 0;
        for (PyObject tb = e.traceback; tb instanceof PyTraceback t; tb = t.tb_next) {
            if (t.tb_frame != null && t.tb_frame.f_code != null && file.equals(t.tb_frame.f_code.co_filename)) {
                line = t.tb_lineno;
            }
        }
        return ConfigException.at(file, line, summary(e));
    }

    /** The traceback as Python prints it, without the trailing newline. */
    static String traceback(PyException e) {
        return e.toString().stripTrailing();
    }

    /** {@code NameError: name 'Exce' is not defined}. */
    static String summary(PyException e) {
        String message =
                e.value == null || e.value == Py.None ? "" : e.value.__str__().toString();
        return message.isEmpty() ? typeName(e) : typeName(e) + ": " + message;
    }

    private static String typeName(PyException e) {
        PyObject name = e.type.__findattr__("__name__");
        return name != null ? name.toString() : e.type.toString();
    }

    private static int firstNonAsciiLine(byte[] source) {
        int line = 1;
        for (byte b : source) {
            if (b < 0) {
                return line;
            }
            if (b == '\n') {
                line++;
            }
        }
        return 0;
    }
}
