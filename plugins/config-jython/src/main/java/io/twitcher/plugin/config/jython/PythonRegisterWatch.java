package io.twitcher.plugin.config.jython;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import io.twitcher.api.WatchDefinition;
import java.util.List;
import org.python.core.Py;
import org.python.core.PyObject;
import org.python.core.PyString;

/**
 * {@code RegisterWatch(...)} as Jython calls it: checks every argument ({@link WatchArguments}) and adds one watch to
 * the file being loaded. A bad argument raises a TypeError in the file and rejects the file with
 * {@code <file>:<line>: RegisterWatch: <reason>}.
 */
final class PythonRegisterWatch extends PyObject {
    private static final long serialVersionUID = 1L;

    private final transient PythonFileEvaluation file;
    private final transient JythonRuntime runtime;

    PythonRegisterWatch(PythonFileEvaluation file, JythonRuntime runtime) {
        this.file = file;
        this.runtime = runtime;
    }

    @Override
    public PyObject __call__(PyObject[] args, String[] keywords) {
        try {
            if (!file.loading()) {
                throw new ConfigException("RegisterWatch can only be called while the file loads, not from an action");
            }
            CallArgs a = CallArgs.bind(
                    "RegisterWatch", WatchArguments.PARAMETERS, JythonValue.all(args), List.of(keywords), false);
            WatchDefinition.Builder b = WatchArguments.watch(a, this::functionAction);
            file.add(b, file.callerLine());
            return Py.None;
        } catch (ConfigException e) {
            // The API's checks speak of the argument ("run_mode must be ..."): say which function it belongs to.
            throw file.reject(e.reason().startsWith("RegisterWatch") ? e : WatchArguments.error(e.reason()));
        }
    }

    private ActionSpec functionAction(TwcValue value) throws ConfigException {
        PyObject action = JythonValue.of(value);
        String name = PythonAction.checkNoArguments(action);
        return ActionSpec.inline("python", new PythonAction(runtime, action, name), file.fingerprint(action));
    }

    @Override
    public PyString __repr__() {
        return new PyString("<built-in function RegisterWatch>");
    }
}
