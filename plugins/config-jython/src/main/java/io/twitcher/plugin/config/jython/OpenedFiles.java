package io.twitcher.plugin.config.jython;

import java.util.ArrayList;
import java.util.List;
import org.python.core.PyException;
import org.python.core.PyFile;
import org.python.core.PyObject;
import org.python.core.PyString;

/**
 * Flushes the files a config opened during a load or a run once it is over. CPython closes a file as soon as its
 * last reference goes, so the idiom of the original's README, {@code open(path, 'w').write('testing')}, writes at
 * once; Jython only closes it when the garbage collector finalizes it, and until then the data sits in a buffer.
 * Flushing (not closing: a function may keep a file open across runs) gives the original's visible effect.
 *
 * <p>Each thread tracks its own files, so concurrent runs do not interfere.
 */
final class OpenedFiles {
    private static final ThreadLocal<List<PyFile>> TRACKED = new ThreadLocal<>();

    private OpenedFiles() {}

    /** Starts tracking this thread's opens; returns what {@link #end} restores. */
    static List<PyFile> begin() {
        List<PyFile> previous = TRACKED.get();
        TRACKED.set(new ArrayList<>());
        return previous;
    }

    /** Flushes every file opened since {@link #begin} that is still open, and stops tracking. */
    static void end(List<PyFile> previous) {
        List<PyFile> files = TRACKED.get();
        if (previous == null) {
            TRACKED.remove();
        } else {
            TRACKED.set(previous);
        }
        if (files == null) {
            return;
        }
        for (PyFile file : files) {
            try {
                if (!file.getClosed()) {
                    file.flush();
                }
            } catch (PyException e) {
                // A file that cannot be flushed (a full disk) fails the writes already made; nothing to add here.
            }
        }
    }

    /** The {@code open} in each config namespace: the builtin, tracked. */
    static final class Open extends PyObject {
        private static final long serialVersionUID = 1L;

        private final PyObject builtin;

        Open(PyObject builtin) {
            this.builtin = builtin;
        }

        @Override
        public PyObject __call__(PyObject[] args, String[] keywords) {
            PyObject result = builtin.__call__(args, keywords);
            List<PyFile> files = TRACKED.get();
            if (files != null && result instanceof PyFile file) {
                files.add(file);
            }
            return result;
        }

        @Override
        public PyString __repr__() {
            return new PyString("<built-in function open>");
        }
    }
}
