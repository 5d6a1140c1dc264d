package io.twitcher.plugin.config.jython;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import io.twitcher.api.RunContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.python.core.Py;
import org.python.core.PyInteger;
import org.python.core.PyList;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyTuple;

/**
 * The predefined functions that name an action type: {@code Exec(command)}, {@code Webhook(url, **params)},
 * {@code JavaAction(name, **params)} and the generic {@code Action(type, **params)}. Each checks its arguments at once
 * (a bad one rejects the file at the line of the call) and returns a {@link SpecValue} to pass as RegisterWatch's
 * action. (The .rb counterpart is RubyActionConstructors.)
 */
abstract class PythonActionConstructor extends PyObject {
    private static final long serialVersionUID = 1L;

    private final transient PythonFileEvaluation file;
    private final String name;
    private final List<String> parameters;
    private final boolean acceptsParams;

    private PythonActionConstructor(PythonFileEvaluation file, String name, List<String> parameters,
                                    boolean acceptsParams) {
        this.file = file;
        this.name = name;
        this.parameters = parameters;
        this.acceptsParams = acceptsParams;
    }

    /** The functions for one file. */
    static List<PythonActionConstructor> all(PythonFileEvaluation file) {
        return List.of(new Exec(file), new Typed(file, "Webhook", "url", "http"),
                new Typed(file, "JavaAction", "name", "java"), new Typed(file, "Action", "type", null));
    }

    String name() {
        return name;
    }

    @Override
    public PyObject __call__(PyObject[] args, String[] keywords) {
        try {
            CallArgs a = CallArgs.bind(name, parameters, args, keywords, acceptsParams);
            String first = parameters.get(0);
            if (a.get(first) == null) {
                throw new ConfigException(name + ": " + first + " is required");
            }
            return new SpecValue(spec(a));
        } catch (ConfigException e) {
            throw file.reject(e);
        }
    }

    abstract ActionSpec spec(CallArgs a) throws ConfigException;

    @Override
    public PyString __repr__() {
        return new PyString("<built-in function " + name + ">");
    }

    /** {@code Exec(command)}: a str runs under {@code /bin/sh -c}, a list or tuple of str is the argv itself. */
    private static final class Exec extends PythonActionConstructor {
        private static final long serialVersionUID = 1L;

        Exec(PythonFileEvaluation file) {
            super(file, "Exec", List.of("command"), false);
        }

        @Override
        ActionSpec spec(CallArgs a) throws ConfigException {
            PyObject command = a.get("command");
            if (PyValues.isStr(command)) {
                String text = PyValues.str(command);
                if (text.isBlank()) {
                    throw new ConfigException("Exec: command must not be empty");
                }
                return ActionSpec.shell(text);
            }
            if (!(command instanceof PyList || command instanceof PyTuple)) {
                throw new ConfigException("Exec: command must be a str (run by /bin/sh -c) or a list or tuple of str,"
                        + " not " + PyValues.typeName(command) + " " + PyValues.repr(command));
            }
            List<String> argv = new ArrayList<>();
            for (PyObject item : command.asIterable()) {
                if (!PyValues.isStr(item)) {
                    throw new ConfigException("Exec: every item of the command list must be a str, not "
                            + PyValues.typeName(item) + " " + PyValues.repr(item) + " (item " + argv.size() + ")");
                }
                argv.add(PyValues.str(item));
            }
            if (argv.isEmpty()) {
                throw new ConfigException("Exec: the command list must not be empty: its first item is the program");
            }
            if (argv.get(0).isEmpty()) {
                throw new ConfigException("Exec: the command list's first item (the program) must not be empty");
            }
            return ActionSpec.of("exec", Map.of("argv", List.copyOf(argv)));
        }
    }

    /** {@code Webhook(url, ...)}, {@code JavaAction(name, ...)}, {@code Action(type, ...)}. */
    private static final class Typed extends PythonActionConstructor {
        private static final long serialVersionUID = 1L;

        private final String type;

        Typed(PythonFileEvaluation file, String function, String first, String type) {
            super(file, function, List.of(first), true);
            this.type = type;
        }

        @Override
        ActionSpec spec(CallArgs a) throws ConfigException {
            String first = a.names().get(0);
            PyObject value = a.get(first);
            if (!PyValues.isStr(value) || PyValues.str(value).isBlank()) {
                throw new ConfigException(a.function() + ": " + first + " must be a non-empty str, not "
                        + PyValues.typeName(value) + " " + PyValues.repr(value));
            }
            Map<String, Object> params = new LinkedHashMap<>();
            if (type != null) {
                params.put(first, PyValues.str(value));
            }
            for (Map.Entry<String, PyObject> e : a.extra().entrySet()) {
                Object v = PyValues.toJava(e.getValue(), a.function() + ": " + e.getKey());
                if (v != null) {
                    params.put(e.getKey(), v);
                }
            }
            return ActionSpec.of(type != null ? type : PyValues.str(value), params);
        }
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
