package io.twitcher.plugin.config.jython;

import io.twitcher.api.Action;
import io.twitcher.api.ConfigException;
import io.twitcher.api.RunContext;
import io.twitcher.api.RunResult;
import java.io.InputStream;
import org.python.core.Py;
import org.python.core.PyBaseCode;
import org.python.core.PyException;
import org.python.core.PyFunction;
import org.python.core.PyMethod;
import org.python.core.PyObject;

/**
 * A Python callable used as a watch's action: called with no arguments, in the daemon's process, on the watch's
 * worker thread, with the znode data as {@code sys.stdin} when the watch pipes it. State it keeps (globals, closures)
 * persists between runs. A Python exception fails the run with the traceback as the message; the watch stays armed.
 */
final class PythonAction implements Action {
    private static final ThreadLocal<RunContext> CURRENT = new ThreadLocal<>();

    private final JythonRuntime runtime;
    private final PyObject function;
    private final String name;

    PythonAction(JythonRuntime runtime, PyObject function, String name) {
        this.runtime = runtime;
        this.function = function;
        this.name = name;
    }

    /** The run this thread is executing, for {@code Exec(...)()} inside a function; {@code null} outside one. */
    static RunContext currentRun() {
        return CURRENT.get();
    }

    @Override
    public RunResult run(RunContext context) throws Exception {
        InputStream in = context.pipeStdin() ? context.stdin() : InputStream.nullInputStream();
        RunContext previous = CURRENT.get();
        CURRENT.set(context);
        try {
            runtime.call(function, in);
            return RunResult.ok("returned");
        } catch (PyException e) {
            if (e.match(Py.KeyboardInterrupt) || Thread.currentThread().isInterrupted()) {
                // Jython turns an interrupted sleep or wait into KeyboardInterrupt: give the daemon its interrupt back.
                Thread.currentThread().interrupt();
                throw new InterruptedException(name + " was interrupted");
            }
            if (e.match(Py.SystemExit)) {
                return exitResult(e);
            }
            throw new PythonActionException(PythonErrors.traceback(e));
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * {@code sys.exit(n)} in a function: the original ran functions in a forked child, where it set the exit code,
     * so it means the run's result here, not the daemon's end.
     */
    private static RunResult exitResult(PyException e) {
        e.normalize();
        PyObject code = e.value.__findattr__("code");
        if (code == null || code == Py.None || PyValues.isInt(code) && PyValues.longValue(code) == 0) {
            return RunResult.ok("exited with code 0");
        }
        if (PyValues.isInt(code)) {
            return RunResult.failed("exited with code " + PyValues.longValue(code));
        }
        return RunResult.failed("exited: " + code.__str__());
    }

    /** The Python callable. */
    PyObject function() {
        return function;
    }

    @Override
    public String toString() {
        return "python " + name;
    }

    /**
     * Checks that a function or method can be called with no arguments (what would otherwise fail on every run);
     * returns its name for messages. Other callables are taken on trust.
     */
    static String checkNoArguments(PyObject callable) throws ConfigException {
        PyObject target = callable;
        int bound = 0;
        if (callable instanceof PyMethod m) {
            target = m.__func__;
            bound = m.__self__ == null || m.__self__ == Py.None ? 0 : 1;
        }
        if (!(target instanceof PyFunction f) || !(f.__code__ instanceof PyBaseCode code)) {
            return PyValues.repr(callable);
        }
        String name = f.__name__ + "()";
        int defaults = f.__defaults__ == null ? 0 : f.__defaults__.length;
        int required = code.co_argcount - defaults - bound;
        if (required > 0) {
            throw new ConfigException("action " + name + " must be callable without arguments, but it takes " + required
                    + " (an action is called with none; the data is on sys.stdin)");
        }
        return name;
    }
}
