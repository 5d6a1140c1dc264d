package io.twitcher.plugin.config.jython;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import io.twitcher.api.OnFailure;
import io.twitcher.api.RunMode;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.WatchParameters;
import io.twitcher.api.WatchType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.python.core.Py;
import org.python.core.PyBoolean;
import org.python.core.PyDictionary;
import org.python.core.PyObject;
import org.python.core.PyString;

/**
 * {@code RegisterWatch(znode, action, pipe_stdin=True, run_on_load=True, run_mode=QUEUE, description=None, uid=None,
 * gid=None, watch_type=WATCH_DATA, notify_signal=None, timeout=None, env=None, retries=0, retry_delay=1,
 * on_failure=KEEP_WATCHING)}: checks every argument with the original's
 * type rules and adds one watch to the file being loaded. A bad argument raises a TypeError in the file and rejects
 * the file with {@code <file>:<line>: RegisterWatch: <reason>}. (The .rb counterpart is RubyRegisterWatch.)
 */
final class PythonRegisterWatch extends PyObject {
    private static final long serialVersionUID = 1L;
    static final List<String> PARAMETERS = WatchParameters.NAMES;
    /** {@code run_on_load=IF_CHANGED} (the predefined name) or {@code 'if_changed'}. */
    static final String IF_CHANGED = "if_changed";

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
            WatchDefinition.Builder b = watch(CallArgs.bind("RegisterWatch", PARAMETERS, args, keywords, false));
            file.add(b, file.callerLine());
            return Py.None;
        } catch (ConfigException e) {
            // The API's checks speak of the argument ("run_mode must be ..."): say which function it belongs to.
            throw file.reject(e.reason().startsWith("RegisterWatch") ? e : error(e.reason()));
        }
    }

    private WatchDefinition.Builder watch(CallArgs a) throws ConfigException {
        WatchDefinition.Builder b = WatchDefinition.builder();
        PyObject znode = a.get("znode");
        if (znode == null) {
            throw error("znode is required");
        }
        if (!PyValues.isStr(znode)) {
            throw error("znode must be a str, not " + PyValues.typeName(znode));
        }
        PyObject action = a.get("action");
        if (action == null) {
            throw error("action is required");
        }
        b.znode(PyValues.str(znode));
        b.action(action(action));
        b.pipeStdin(bool(a, "pipe_stdin", true));
        PyObject load = a.get("run_on_load");
        if (load != null && PyValues.isStr(load) && PyValues.str(load).equals(IF_CHANGED)) {
            b.runOnLoadIfChanged();
        } else if (load != null && load != Py.None && !(load instanceof PyBoolean)) {
            throw new ConfigException("run_on_load must be True, False or IF_CHANGED, not " + PyValues.repr(load));
        } else {
            b.runOnLoad(bool(a, "run_on_load", true));
        }
        PyObject mode = a.get("run_mode");
        if (mode != null) {
            b.runMode(RunMode.fromCode(PyValues.isInt(mode) ? PyValues.longValue(mode) : 0));
        }
        PyObject description = a.get("description");
        if (description != null) {
            if (!PyValues.isStr(description)) {
                throw new ConfigException("description must be a str, not " + PyValues.typeName(description));
            }
            b.description(PyValues.str(description));
        }
        account(b, a, "uid");
        account(b, a, "gid");
        PyObject type = a.get("watch_type");
        if (type != null) {
            b.watchType(WatchType.fromCode(PyValues.isInt(type) ? PyValues.longValue(type) : 0));
        }
        notifySignal(b, a.get("notify_signal"));
        timeout(b, a.get("timeout"));
        fleet(b, a);
        env(b, a.get("env"));
        failurePolicy(b, a);
        return b;
    }

    private ActionSpec action(PyObject action) throws ConfigException {
        if (action instanceof PythonActionConstructor.SpecValue spec) {
            return spec.spec();
        }
        if (action instanceof PythonActionConstructor || action instanceof PythonRegisterWatch) {
            throw new ConfigException("action must be an action such as Exec('command'), not the function "
                    + PyValues.repr(action).replace("<built-in function ", "").replace(">", "") + " itself");
        }
        if (!action.isCallable()) {
            throw new ConfigException("action must be a function, a lambda, a method or Exec(...), not "
                    + PyValues.typeName(action) + " " + PyValues.repr(action));
        }
        String name = PythonAction.checkNoArguments(action);
        return ActionSpec.inline("python", new PythonAction(runtime, action, name), file.fingerprint(action));
    }

    private static boolean bool(CallArgs a, String name, boolean fallback) throws ConfigException {
        PyObject v = a.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof PyBoolean)) {
            throw new ConfigException(name + " must be True or False, not " + PyValues.repr(v));
        }
        return ((PyBoolean) v).getBooleanValue();
    }

    private static void account(WatchDefinition.Builder b, CallArgs a, String name) throws ConfigException {
        PyObject v = a.get(name);
        if (v == null) {
            return;
        }
        boolean user = name.equals("uid");
        if (PyValues.isInt(v)) {
            long id = PyValues.longValue(v);
            if (user) {
                b.user(id);
            } else {
                b.group(id);
            }
        } else if (PyValues.isStr(v)) {
            if (user) {
                b.user(PyValues.str(v));
            } else {
                b.group(PyValues.str(v));
            }
        } else {
            throw new ConfigException(name + " must be a " + (user ? "user" : "group") + " name (str) or a number"
                    + " (int), not " + PyValues.typeName(v) + " " + PyValues.repr(v));
        }
    }

    private static void notifySignal(WatchDefinition.Builder b, PyObject v) throws ConfigException {
        if (v == null) {
            return;
        }
        long n = PyValues.isInt(v) ? PyValues.longValue(v) : 0;
        if (n < 1 || n > 31) {
            // Strings ('HUP') are refused as the original refused them: one spelling, the signal module's constants.
            throw new ConfigException("notify_signal must be a signal number from 1 to 31 such as signal.SIGHUP,"
                    + " not " + PyValues.repr(v));
        }
        b.notifySignal(n);
    }

    private static void fleet(WatchDefinition.Builder b, CallArgs a) throws ConfigException {
        PyObject splay = a.get("splay");
        if (splay != null && splay != Py.None) {
            b.splaySeconds(seconds("splay", splay));
        }
        PyObject debounce = a.get("debounce");
        if (debounce != null && debounce != Py.None) {
            b.debounceSeconds(seconds("debounce", debounce));
        }
        PyObject limit = a.get("fleet_limit");
        if (limit != null && limit != Py.None) {
            if (!PyValues.isInt(limit)) {
                throw new ConfigException("fleet_limit must be a number of machines from 1 to 10000 (0: no limit), not "
                        + PyValues.repr(limit));
            }
            b.fleetLimit(PyValues.longValue(limit));
        }
        PyObject path = a.get("fleet_path");
        if (path != null && path != Py.None) {
            if (!PyValues.isStr(path)) {
                throw new ConfigException("fleet_path must be a str, not " + PyValues.typeName(path));
            }
            b.fleetPath(PyValues.str(path));
        }
    }

    private static double seconds(String name, PyObject v) throws ConfigException {
        if (!PyValues.isNumber(v)) {
            throw new ConfigException(name + " must be a number of seconds from 0 to 86400, not " + PyValues.repr(v));
        }
        return v.asDouble();
    }

    private static void timeout(WatchDefinition.Builder b, PyObject v) throws ConfigException {
        if (v == null) {
            return;
        }
        if (!PyValues.isNumber(v)) {
            throw new ConfigException("timeout must be a number of seconds greater than 0, not " + PyValues.repr(v));
        }
        b.timeoutSeconds(v.asDouble());
    }

    private static void failurePolicy(WatchDefinition.Builder b, CallArgs a) throws ConfigException {
        PyObject retries = a.get("retries");
        if (retries != null) {
            if (!PyValues.isInt(retries)) {
                throw new ConfigException("retries must be a whole number from 0 to " + WatchDefinition.MAX_RETRIES
                        + ", not " + PyValues.repr(retries));
            }
            b.retries(PyValues.longValue(retries));
        }
        PyObject delay = a.get("retry_delay");
        if (delay != null) {
            if (!PyValues.isNumber(delay)) {
                throw new ConfigException(
                        "retry_delay must be a number of seconds greater than 0, not " + PyValues.repr(delay));
            }
            b.retryDelaySeconds(delay.asDouble());
        }
        PyObject policy = a.get("on_failure");
        if (policy != null) {
            if (!PyValues.isStr(policy)) {
                throw new ConfigException(
                        "on_failure must be KEEP_WATCHING or STOP_WATCHING, not " + PyValues.repr(policy));
            }
            b.onFailure(OnFailure.parse(PyValues.str(policy)));
        }
    }

    private static void env(WatchDefinition.Builder b, PyObject v) throws ConfigException {
        if (v == null || v == Py.None) {
            return;
        }
        if (!(v instanceof PyDictionary dict)) {
            throw new ConfigException("env must be a dict of str to str such as {'DEPLOY_TARGET': 'blue'}, not "
                    + PyValues.typeName(v) + " " + PyValues.repr(v));
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (PyObject key : dict.keys().asIterable()) {
            if (!PyValues.isStr(key)) {
                throw new ConfigException(
                        "env names must be str, not " + PyValues.typeName(key) + " " + PyValues.repr(key));
            }
            PyObject value = dict.__getitem__(key);
            if (!PyValues.isStr(value)) {
                throw new ConfigException("env: the value of " + PyValues.str(key) + " must be a str, not "
                        + PyValues.typeName(value) + " " + PyValues.repr(value));
            }
            vars.put(PyValues.str(key), PyValues.str(value));
        }
        b.env(vars);
    }

    private static ConfigException error(String reason) {
        return new ConfigException("RegisterWatch: " + reason);
    }

    @Override
    public PyString __repr__() {
        return new PyString("<built-in function RegisterWatch>");
    }
}
