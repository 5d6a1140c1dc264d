package io.twitcher.plugin.config.jython;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.python.core.CompileMode;
import org.python.core.CompilerFlags;
import org.python.core.Py;
import org.python.core.PyCode;
import org.python.core.PyFile;
import org.python.core.PyObject;
import org.python.core.PyStringMap;
import org.python.core.PySystemState;

/**
 * One Jython interpreter state shared by every {@code .twc} file a loader evaluates: one {@code sys} (so modules are
 * imported once), each file compiled into its own fresh module namespace. Created on the first load, so that a daemon
 * without {@code .twc} files never starts Jython. {@code sys.stdin} is a {@link ThreadStdin}: each running function
 * action reads its own data, however many run at once.
 *
 * <p>Thread-safe: files are compiled and run on the reload thread, functions on the watches' worker threads.
 */
final class JythonRuntime implements AutoCloseable {
    private static final Object INIT_LOCK = new Object();
    private static boolean initialized;

    private final PySystemState sys;
    private final ThreadStdin stdin = new ThreadStdin();

    private JythonRuntime(PySystemState sys) {
        this.sys = sys;
        sys.stdin = stdin;
    }

    /** Starts a runtime: Jython itself once per class loader, then a fresh {@code sys} of its own. */
    static JythonRuntime start() {
        synchronized (INIT_LOCK) {
            if (!initialized) {
                Properties props = new Properties();
                // No site import, and no scan of every jar for Java packages (with the scan, start-up takes seconds).
                props.setProperty("python.import.site", "false");
                props.setProperty("python.cachedir.skip", "true");
                props.setProperty("python.console.encoding", "UTF-8");
                PySystemState.initialize(
                        System.getProperties(), props, new String[0], JythonRuntime.class.getClassLoader());
                initialized = true;
            }
        }
        PySystemState sys = new PySystemState();
        sys.setClassLoader(JythonRuntime.class.getClassLoader());
        JythonRuntime runtime = new JythonRuntime(sys);
        runtime.within(() -> {
            ExitGuard.install(sys);
            return null;
        });
        return runtime;
    }

    /** Compiles a whole file; Python's own rules for its encoding apply. */
    PyCode compile(byte[] source, String filename) {
        return within(() ->
                Py.compile_flags(new ByteArrayInputStream(source), filename, CompileMode.exec, new CompilerFlags()));
    }

    /** Runs compiled module code in {@code globals}. */
    void exec(PyCode code, PyStringMap globals) {
        within(() -> {
            List<PyFile> opened = OpenedFiles.begin();
            try {
                return Py.runCode(code, globals, globals);
            } finally {
                OpenedFiles.end(opened);
            }
        });
    }

    /** A builtin function ({@code open}) as this runtime has it. */
    PyObject builtin(String name) {
        return sys.getBuiltins().__finditem__(name);
    }

    /** Calls {@code function} with no arguments on this thread, with {@code input} as its {@code sys.stdin}. */
    PyObject call(PyObject function, InputStream input) {
        return within(() -> {
            PyObject previous = stdin.enter(ThreadStdin.file(input));
            List<PyFile> opened = OpenedFiles.begin();
            try {
                return function.__call__();
            } finally {
                OpenedFiles.end(opened);
                stdin.leave(previous);
            }
        });
    }

    /** Runs {@code body} with this runtime's {@code sys} as the calling thread's, whatever thread that is. */
    <T> T within(Callable<T> body) {
        PySystemState previous = Py.setSystemState(sys);
        try {
            return body.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            Py.setSystemState(previous);
        }
    }

    @Override
    public void close() {
        sys.close();
    }
}
