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

/**
 * {@code RegisterWatch(znode, action, pipe_stdin=True, run_on_load=True, run_mode=QUEUE, description=None, uid=None,
 * gid=None, watch_type=WATCH_DATA, notify_signal=None, timeout=None, env=None, retries=0, retry_delay=1,
 * on_failure=KEEP_WATCHING)}'s checks, with the original's type rules: one watch from a call's arguments, whether
 * Jython ran the call ({@link PythonRegisterWatch}) or the file was read as literals ({@link LiteralTwc}). A bad
 * argument is a {@link ConfigException} naming it. (The .rb counterpart is RubyRegisterWatch.)
 */
final class WatchArguments {
    static final List<String> PARAMETERS = WatchParameters.NAMES;
    /** {@code run_on_load=IF_CHANGED} (the predefined name) or {@code 'if_changed'}. */
    static final String IF_CHANGED = "if_changed";

    /** Makes the action of a watch whose action is a Python callable (which only Jython has). */
    interface FunctionActions {
        ActionSpec of(TwcValue function) throws ConfigException;
    }

    private WatchArguments() {}

    static WatchDefinition.Builder watch(CallArgs a, FunctionActions functions) throws ConfigException {
        WatchDefinition.Builder b = WatchDefinition.builder();
        TwcValue znode = a.get("znode");
        if (znode == null) {
            throw error("znode is required");
        }
        if (!znode.isStr()) {
            throw error("znode must be a str, not " + znode.typeName());
        }
        TwcValue action = a.get("action");
        if (action == null) {
            throw error("action is required");
        }
        b.znode(znode.str());
        b.action(action(action, functions));
        b.pipeStdin(bool(a, "pipe_stdin", true));
        TwcValue load = a.get("run_on_load");
        if (load != null && load.isStr() && load.str().equals(IF_CHANGED)) {
            b.runOnLoadIfChanged();
        } else if (load != null && !load.isBool()) {
            throw new ConfigException("run_on_load must be True, False or IF_CHANGED, not " + load.repr());
        } else {
            b.runOnLoad(bool(a, "run_on_load", true));
        }
        TwcValue mode = a.get("run_mode");
        if (mode != null) {
            b.runMode(RunMode.fromCode(mode.isInt() ? mode.longValue() : 0));
        }
        TwcValue description = a.get("description");
        if (description != null) {
            if (!description.isStr()) {
                throw new ConfigException("description must be a str, not " + description.typeName());
            }
            b.description(description.str());
        }
        account(b, a, "uid");
        account(b, a, "gid");
        TwcValue type = a.get("watch_type");
        if (type != null) {
            b.watchType(WatchType.fromCode(type.isInt() ? type.longValue() : 0));
        }
        notifySignal(b, a.get("notify_signal"));
        timeout(b, a.get("timeout"));
        fleet(b, a);
        env(b, a.get("env"));
        failurePolicy(b, a);
        return b;
    }

    private static ActionSpec action(TwcValue action, FunctionActions functions) throws ConfigException {
        ActionSpec spec = action.spec();
        if (spec != null) {
            return spec;
        }
        if (action.isPredefinedFunction()) {
            throw new ConfigException("action must be an action such as Exec('command'), not the function "
                    + action.repr().replace("<built-in function ", "").replace(">", "") + " itself");
        }
        if (!action.isCallable()) {
            throw new ConfigException("action must be a function, a lambda, a method or Exec(...), not "
                    + action.typeName() + " " + action.repr());
        }
        return functions.of(action);
    }

    private static boolean bool(CallArgs a, String name, boolean fallback) throws ConfigException {
        TwcValue v = a.get(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isBool()) {
            throw new ConfigException(name + " must be True or False, not " + v.repr());
        }
        return v.boolValue();
    }

    private static void account(WatchDefinition.Builder b, CallArgs a, String name) throws ConfigException {
        TwcValue v = a.get(name);
        if (v == null) {
            return;
        }
        boolean user = name.equals("uid");
        if (v.isInt()) {
            if (user) {
                b.user(v.longValue());
            } else {
                b.group(v.longValue());
            }
        } else if (v.isStr()) {
            if (user) {
                b.user(v.str());
            } else {
                b.group(v.str());
            }
        } else {
            throw new ConfigException(name + " must be a " + (user ? "user" : "group") + " name (str) or a number"
                    + " (int), not " + v.typeName() + " " + v.repr());
        }
    }

    private static void notifySignal(WatchDefinition.Builder b, TwcValue v) throws ConfigException {
        if (v == null) {
            return;
        }
        long n = v.isInt() ? v.longValue() : 0;
        if (n < 1 || n > 31) {
            // Strings ('HUP') are refused as the original refused them: one spelling, the signal module's constants.
            throw new ConfigException(
                    "notify_signal must be a signal number from 1 to 31 such as signal.SIGHUP, not " + v.repr());
        }
        b.notifySignal(n);
    }

    private static void fleet(WatchDefinition.Builder b, CallArgs a) throws ConfigException {
        TwcValue splay = a.get("splay");
        if (splay != null) {
            b.splaySeconds(seconds("splay", splay));
        }
        TwcValue debounce = a.get("debounce");
        if (debounce != null) {
            b.debounceSeconds(seconds("debounce", debounce));
        }
        TwcValue limit = a.get("fleet_limit");
        if (limit != null) {
            if (!limit.isInt()) {
                throw new ConfigException(
                        "fleet_limit must be a number of machines from 1 to 10000 (0: no limit), not " + limit.repr());
            }
            b.fleetLimit(limit.longValue());
        }
        TwcValue path = a.get("fleet_path");
        if (path != null) {
            if (!path.isStr()) {
                throw new ConfigException("fleet_path must be a str, not " + path.typeName());
            }
            b.fleetPath(path.str());
        }
    }

    private static double seconds(String name, TwcValue v) throws ConfigException {
        if (!v.isNumber()) {
            throw new ConfigException(name + " must be a number of seconds from 0 to 86400, not " + v.repr());
        }
        return v.doubleValue();
    }

    private static void timeout(WatchDefinition.Builder b, TwcValue v) throws ConfigException {
        if (v == null) {
            return;
        }
        if (!v.isNumber()) {
            throw new ConfigException("timeout must be a number of seconds greater than 0, not " + v.repr());
        }
        b.timeoutSeconds(v.doubleValue());
    }

    private static void failurePolicy(WatchDefinition.Builder b, CallArgs a) throws ConfigException {
        TwcValue retries = a.get("retries");
        if (retries != null) {
            if (!retries.isInt()) {
                throw new ConfigException("retries must be a whole number from 0 to " + WatchDefinition.MAX_RETRIES
                        + ", not " + retries.repr());
            }
            b.retries(retries.longValue());
        }
        TwcValue delay = a.get("retry_delay");
        if (delay != null) {
            if (!delay.isNumber()) {
                throw new ConfigException(
                        "retry_delay must be a number of seconds greater than 0, not " + delay.repr());
            }
            b.retryDelaySeconds(delay.doubleValue());
        }
        TwcValue policy = a.get("on_failure");
        if (policy != null) {
            if (!policy.isStr()) {
                throw new ConfigException("on_failure must be KEEP_WATCHING or STOP_WATCHING, not " + policy.repr());
            }
            b.onFailure(OnFailure.parse(policy.str()));
        }
    }

    private static void env(WatchDefinition.Builder b, TwcValue v) throws ConfigException {
        if (v == null) {
            return;
        }
        if (!v.isDict()) {
            throw new ConfigException("env must be a dict of str to str such as {'DEPLOY_TARGET': 'blue'}, not "
                    + v.typeName() + " " + v.repr());
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (Map.Entry<TwcValue, TwcValue> e : v.entries()) {
            TwcValue key = e.getKey();
            if (!key.isStr()) {
                throw new ConfigException("env names must be str, not " + key.typeName() + " " + key.repr());
            }
            TwcValue value = e.getValue();
            if (!value.isStr()) {
                throw new ConfigException("env: the value of " + key.str() + " must be a str, not " + value.typeName()
                        + " " + value.repr());
            }
            vars.put(key.str(), value.str());
        }
        b.env(vars);
    }

    static ConfigException error(String reason) {
        return new ConfigException("RegisterWatch: " + reason);
    }
}
