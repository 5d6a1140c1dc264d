package io.twitcher.plugin.config.jython;

import org.python.core.Py;
import org.python.core.PyBuiltinFunctionNarrow;
import org.python.core.PyObject;
import org.python.core.PySystemState;
import org.python.core.imp;

/**
 * Config code must not end the daemon: {@code os._exit()} (and {@code os.abort()} where it exists, and the
 * {@code posix} functions behind them, which {@code os} copies when it is imported) raise a {@code RuntimeError} instead,
 * which rejects the file at load or fails the run of a function action; so does {@code os.kill()} of the daemon's own
 * pid, of its process group (pid 0 or minus its group) or of every process (pid -1). {@code posix} is a Java class to
 * Jython, whose Python type Jython makes once per class and keeps: {@code reload(posix)}, an import after
 * {@code del sys.modules['posix']} and {@code from org.python.modules.posix import PosixModule} all find that type,
 * guarded. {@code sys.exit()} needs no guard: it raises {@code SystemExit}, which never leaves the interpreter. Java's
 * {@code System.exit} and {@code Runtime.halt}, reachable from Jython (as is Java reflection on {@code PosixModule}),
 * cannot be stopped on Java 17+ (the security manager is gone); only the trust rule keeps such a file out.
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
        PyObject posix = imp.importName("posix", true);
        PyObject kill = posix.__findattr__("kill");
        if (kill != null && !(kill instanceof KillGuard)) {
            kill = new KillGuard(kill, posix.__findattr__("getpgrp"));
        }
        guard(posix, kill);
        PyObject os = sys.modules.__finditem__("os");
        if (os != null) {
            guard(os, kill);
        }
    }

    private static void guard(PyObject module, PyObject kill) {
        for (String name : GUARDED) {
            if (module.__findattr__(name) != null) {
                module.__setattr__(name, new ExitGuard(name));
            }
        }
        if (kill != null) {
            module.__setattr__("kill", kill);
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

    /** {@code os.kill} for any process but the daemon, its process group, or every process. */
    static final class KillGuard extends PyBuiltinFunctionNarrow {
        private final transient PyObject kill;
        private final transient PyObject getpgrp;

        KillGuard(PyObject kill, PyObject getpgrp) {
            super("kill", 2, 2, "kill(pid, sig): refused for the daemon, its process group and every process");
            this.kill = kill;
            this.getpgrp = getpgrp;
        }

        @Override
        public PyObject __call__(PyObject pid, PyObject sig) {
            long target = pid.asLong();
            long group = getpgrp == null ? Long.MIN_VALUE : getpgrp.__call__().asLong();
            if (target == ProcessHandle.current().pid() || target == 0 || target == -1 || target == -group) {
                throw Py.RuntimeError("os.kill() of the daemon, its process group or every process (pid -1) is"
                        + " refused: config code must not end the daemon");
            }
            return kill.__call__(pid, sig);
        }
    }
}
