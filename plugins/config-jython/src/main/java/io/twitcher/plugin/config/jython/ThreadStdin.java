package io.twitcher.plugin.config.jython;

import java.io.InputStream;
import org.python.core.PyFile;
import org.python.core.PyObject;
import org.python.core.PyString;

/**
 * The object installed as {@code sys.stdin}: every attribute and iteration goes to the file of the function action
 * running on the current thread, so concurrent runs (a PARALLEL watch, watches of several files sharing one
 * {@code sys}) each read their own znode data. Outside a run it is an empty file, so code at the top level of a
 * config never blocks on the daemon's own standard input.
 */
final class ThreadStdin extends PyObject {
    private static final long serialVersionUID = 1L;

    private final transient ThreadLocal<PyObject> current = new ThreadLocal<>();

    /** A read-only Python file over {@code input}. */
    static PyObject file(InputStream input) {
        return new PyFile(input, "<stdin>", "r", -1, false);
    }

    /** Makes {@code file} this thread's stdin; returns the one it replaces, for {@link #leave}. */
    PyObject enter(PyObject file) {
        PyObject previous = current.get();
        current.set(file);
        return previous;
    }

    /** Restores what {@link #enter} returned. */
    void leave(PyObject previous) {
        if (previous == null) {
            current.remove();
        } else {
            current.set(previous);
        }
    }

    private PyObject target() {
        PyObject file = current.get();
        return file != null ? file : file(InputStream.nullInputStream());
    }

    @Override
    public PyObject __findattr_ex__(String name) {
        return target().__findattr_ex__(name);
    }

    @Override
    public PyObject __iter__() {
        return target().__iter__();
    }

    @Override
    public PyString __repr__() {
        return new PyString("<thread-local stdin>");
    }
}
