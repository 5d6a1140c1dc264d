package io.twitcher.plugin.config.jython;

import org.python.core.Py;
import org.python.core.PyBuiltinFunctionNarrow;
import org.python.core.PyObject;
import org.python.core.PySystemState;
import org.python.core.imp;

/**
 * Config code must not end the daemon: {@code os._exit()} (and {@code os.abort()} where it exists, and the
 * {@code posix} functions behind them, which {@code os} copies when it is imported) raise a {@code RuntimeError} instead, which rejects the
 * file at load or fails the run of a function action. {@code sys.exit()} needs no guard: it raises
 * {@code SystemExit}, which never leaves the interpreter. Java's {@code System.exit}, reachable from Jython, cannot be
 * stopped on Java 17+ (the security manager is gone); only the trust rule keeps such a file out.
 */
final class ExitGuard extends PyBuiltinFunctionNarrow {
    private static final String[] GUARDED = {"_exit", "abort"};

    private final String function;

    private ExitGuard(String name) {
        super(name, 0, 1, "refused: config code must not end the daemon");
        this.function = name;
    }

    /** Replaces the process-ending functions of {@code posix} (and of {@code os}, if imported) in {@code sys}. */
    static void install(PySystemState sys) {
        guard(imp.importName("posix", true));
        PyObject os = sys.modules.__finditem__("os");
        if (os != null) {
            guard(os);
        }
    }

    private static void guard(PyObject module) {
        for (String name : GUARDED) {
            if (module.__findattr__(name) != null) {
                module.__setattr__(name, new ExitGuard(name));
            }
        }
    }

    @Override
    public PyObject __call__() {
        throw refused();
    }

    @Override
    public PyObject __call__(PyObject arg) {
        throw refused();
    }

    private org.python.core.PyException refused() {
        return Py.RuntimeError("os." + function + "() is refused: config code must not end the daemon");
    }
}
