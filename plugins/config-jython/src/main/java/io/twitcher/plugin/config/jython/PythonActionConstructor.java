package io.twitcher.plugin.config.jython;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import io.twitcher.api.RunContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.python.core.Py;
import org.python.core.PyInteger;
import org.python.core.PyObject;
import org.python.core.PyString;

/**
 * The predefined functions that name an action type ({@link ActionArguments}) as Jython calls them. Each checks its
 * arguments at once (a bad one rejects the file at the line of the call) and returns a {@link SpecValue} to pass as
 * RegisterWatch's action.
 */
final class PythonActionConstructor extends PyObject {
    private static final long serialVersionUID = 1L;

    private final transient PythonFileEvaluation file;
    private final transient ActionArguments function;

    private PythonActionConstructor(PythonFileEvaluation file, ActionArguments function) {
        this.file = file;
        this.function = function;
    }

    /** The functions for one file. */
    static List<PythonActionConstructor> all(PythonFileEvaluation file) {
        List<PythonActionConstructor> out = new ArrayList<>();
        for (ActionArguments f : ActionArguments.ALL) {
            out.add(new PythonActionConstructor(file, f));
        }
        return out;
    }

    String name() {
        return function.name();
    }

    @Override
    public PyObject __call__(PyObject[] args, String[] keywords) {
        try {
            return new SpecValue(function.spec(function.bind(JythonValue.all(args), List.of(keywords))));
        } catch (ConfigException e) {
            throw file.reject(e);
        }
    }

    @Override
    public PyString __repr__() {
        return new PyString("<built-in function " + function.name() + ">");
    }

    /**
     * What an action function returns: the spec RegisterWatch takes. Calling it runs it, as the original's Exec
     * lambda did: inside a function action, {@code Exec('git pull')()} runs the command through the current run's
     * supervisor and returns its exit code.
     */
    static final class SpecValue extends PyObject {
        private static final long serialVersionUID = 1L;

        private final transient ActionSpec spec;

        SpecValue(ActionSpec spec) {
            this.spec = spec;
        }

        ActionSpec spec() {
            return spec;
        }

        @Override
        public PyObject __call__(PyObject[] args, String[] keywords) {
            if (args.length > 0) {
                throw Py.TypeError(spec.type() + " action takes no arguments (" + args.length + " given)");
            }
            RunContext context = PythonAction.currentRun();
            if (context == null || !spec.type().equals("exec")) {
                throw Py.TypeError("only an Exec(...) action can be called, and only inside a running function action");
            }
            Object command = spec.params().get("command");
            List<String> argv = new ArrayList<>();
            if (command != null) {
                argv.addAll(List.of("/bin/sh", "-c", (String) command));
            } else {
                for (Object item : (List<?>) spec.params().get("argv")) {
                    argv.add((String) item);
                }
            }
            try {
                return new PyInteger(context.exec(argv).exitCode());
            } catch (IOException e) {
                throw Py.OSError(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Py.KeyboardInterrupt("interrupted while running " + argv.get(0));
            }
        }

        @Override
        public PyString __repr__() {
            return new PyString("<" + spec.type() + " action " + spec.params() + ">");
        }
    }
}
