package io.twitcher.plugin.config.jython;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.WatchDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.python.core.Py;
import org.python.core.PyCode;
import org.python.core.PyException;
import org.python.core.PyFrame;
import org.python.core.PyInteger;
import org.python.core.PyString;
import org.python.core.PyStringMap;

/**
 * One evaluation of one {@code .twc} file: compiles it, runs it in a fresh module namespace holding the predefined
 * names, and collects the watches its RegisterWatch calls define. The first bad call rejects the whole file even if
 * the file catches the Python exception it raised. Used on the reload thread only. (The .rb counterpart is
 * RubyFileEvaluation; the predefined names are {@link PythonRegisterWatch} and {@link PythonActionConstructor}s.)
 */
final class PythonFileEvaluation {
    private final JythonRuntime runtime;
    private final ConfigFile file;
    private final String name;
    private final List<WatchDefinition> watches = new ArrayList<>();
    private final PythonFingerprint fingerprints;
    private ConfigException firstError;
    private volatile boolean loading = true;

    private PythonFileEvaluation(JythonRuntime runtime, ConfigFile file) {
        this.runtime = runtime;
        this.file = file;
        this.name = file.displayName();
        this.fingerprints = new PythonFingerprint(runtime, file.content(), name);
    }

    /** Evaluates {@code file}; its watches in the order its calls defined them. */
    static List<WatchDefinition> load(JythonRuntime runtime, ConfigFile file) throws ConfigException {
        return new PythonFileEvaluation(runtime, file).load();
    }

    private List<WatchDefinition> load() throws ConfigException {
        PyCode code;
        try {
            code = runtime.compile(file.content(), name);
        } catch (PyException e) {
            throw PythonErrors.syntaxError(e, name, file.content());
        }
        try {
            runtime.exec(code, namespace());
        } catch (PyException e) {
            if (firstError == null) {
                throw PythonErrors.atLoad(e, name);
            }
        } catch (RuntimeException e) {
            // Not a Python exception: Jython itself failed. Reject the file rather than the reload thread.
            if (firstError == null) {
                throw ConfigException.at(name, 0, "Jython failed: " + e);
            }
        } finally {
            loading = false;
        }
        if (firstError != null) {
            throw firstError;
        }
        return List.copyOf(watches);
    }

    private PyStringMap namespace() {
        PyStringMap ns = new PyStringMap();
        ns.__setitem__("__name__", new PyString("__twc__"));
        ns.__setitem__("__file__", Py.newStringOrUnicode(file.path().toString()));
        ns.__setitem__("__doc__", Py.None);
        ns.__setitem__("open", new OpenedFiles.Open(runtime.builtin("open")));
        ns.__setitem__("RegisterWatch", new PythonRegisterWatch(this, runtime));
        for (Map.Entry<String, Object> c : TwcNames.CONSTANTS.entrySet()) {
            ns.__setitem__(
                    c.getKey(),
                    c.getValue() instanceof Long n ? new PyInteger(n.intValue()) : new PyString((String) c.getValue()));
        }
        for (PythonActionConstructor f : PythonActionConstructor.all(this)) {
            ns.__setitem__(f.name(), f);
        }
        return ns;
    }

    /** The file as messages and default descriptions name it. */
    String name() {
        return name;
    }

    /** A fingerprint of a function action's source, or {@code null} (see {@link PythonFingerprint}). */
    String fingerprint(org.python.core.PyObject function) {
        return fingerprints.of(function);
    }

    /** Whether the file is still being evaluated (RegisterWatch is refused afterwards, from a running action). */
    boolean loading() {
        return loading;
    }

    /** Adds a watch; {@code n} for the default description is its 1-based index among the file's watches. */
    void add(WatchDefinition.Builder builder, int line) throws ConfigException {
        watches.add(builder.origin(name, line, watches.size() + 1).build());
    }

    /**
     * The line of the innermost Python frame running this file's code: the statement that made the current call,
     * as a traceback would name it; 0 when no frame of this file is on the stack.
     */
    int callerLine() {
        for (PyFrame f = Py.getFrame(); f != null; f = f.f_back) {
            if (f.f_code != null && name.equals(f.f_code.co_filename)) {
                return f.getline();
            }
        }
        return 0;
    }

    /**
     * Records a bad call at the caller's line (the first one rejects the file) and returns the Python exception to
     * raise in the file, so that evaluation stops there as Python code expects.
     */
    PyException reject(ConfigException reason) {
        ConfigException located = reason.at(name, callerLine());
        if (firstError == null && loading) {
            firstError = located;
        }
        return Py.TypeError(reason.reason());
    }
}
