package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import io.twitcher.api.OnFailure;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.WatchParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code register_watch}'s arguments: up to two positional ones (znode, action, as RegisterWatch allowed) and
 * RegisterWatch's keywords, each checked for its Ruby type and applied to a {@link WatchDefinition.Builder}, whose
 * own checks give the value rules. Reasons are in the DSL's terms ({@code run_mode must be :queue, ...}); the caller
 * prefixes {@code register_watch: } and the file and line. Values come from JRuby or from a file read as literals
 * ({@link RbValue}). (The .twc counterpart is WatchArguments.)
 */
final class RubyRegisterWatch {
    /** RegisterWatch's keywords, in its order. */
    static final List<String> KEYWORDS = WatchParameters.NAMES;

    private RubyRegisterWatch() {}

    /**
     * The arguments by keyword name, positional ones included; rejects unknown keywords and extra arguments.
     *
     * @param keywords the keyword arguments, in order
     */
    static Map<String, RbValue> byName(List<RbValue> args, List<Map.Entry<RbValue, RbValue>> keywords)
            throws ConfigException {
        if (args.size() == 1 && args.get(0).isHash() && keywords.isEmpty()) {
            throw new ConfigException("give keyword arguments (register_watch(znode: '/x', action: ...)), not a"
                    + " Hash; to pass a Hash as keywords, write register_watch(**options)");
        }
        if (args.size() > 2) {
            throw new ConfigException("wrong number of arguments (given " + args.size()
                    + ", expected 0..2: znode and action, then keywords)");
        }
        Map<String, RbValue> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            out.put(KEYWORDS.get(i), args.get(i));
        }
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<RbValue, RbValue> e : keywords) {
            RbValue key = e.getKey();
            String name = key.isSymbol() ? key.text() : null;
            if (name == null || !KEYWORDS.contains(name)) {
                unknown.add(DslValues.keyword(key));
            } else if (out.containsKey(name)) {
                throw new ConfigException(name + " given both as an argument and as a keyword");
            } else {
                out.put(name, e.getValue());
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(
                    "unknown keyword" + (unknown.size() > 1 ? "s" : "") + ": " + String.join(", ", unknown));
        }
        return out;
    }

    /**
     * A watch of every argument but action (see {@link #actionSpec}), with its origin: the {@code n}th watch of the
     * file, defined on {@code line}.
     */
    static WatchDefinition.Builder watch(Map<String, RbValue> named, String file, int line, int n)
            throws ConfigException {
        if (!named.containsKey("znode")) {
            throw new ConfigException("znode is required");
        }
        WatchDefinition.Builder b = WatchDefinition.builder().origin(file, line, n);
        apply(b, named);
        return b;
    }

    /**
     * The action given as {@code action:} when it is one a DSL method made, or {@code null} (a callable: the caller
     * makes it an in-process action, or refuses it).
     */
    static ActionSpec actionSpec(Map<String, RbValue> named) throws ConfigException {
        if (!named.containsKey("action")) {
            throw new ConfigException("action is required: give action: exec('...') (or another action) or a block");
        }
        return named.get("action").spec();
    }

    /** Applies every argument but action to {@code b}, in RegisterWatch's order. */
    static void apply(WatchDefinition.Builder b, Map<String, RbValue> args) throws ConfigException {
        for (String name : KEYWORDS) {
            if (args.containsKey(name) && !name.equals("action")) {
                apply(b, name, args.get(name));
            }
        }
    }

    private static void apply(WatchDefinition.Builder b, String name, RbValue v) throws ConfigException {
        switch (name) {
            case "znode" -> {
                if (!v.isString()) {
                    throw new ConfigException("znode must be a String, not " + v.describe());
                }
                b.znode(v.text());
            }
            case "pipe_stdin" -> b.pipeStdin(RubyWatchValues.bool(name, v));
            case "run_on_load" -> {
                if (v.isSymbol() && v.text().equals("if_changed")) {
                    b.runOnLoadIfChanged();
                } else if (v.isBool()) {
                    b.runOnLoad(v.isTrue());
                } else {
                    throw new ConfigException("run_on_load must be true, false or :if_changed, not " + v.describe());
                }
            }
            case "run_mode" -> b.runMode(RubyWatchValues.runMode(v));
            case "description" -> {
                if (!v.isNil() && !v.isString()) {
                    throw new ConfigException("description must be a String, not " + v.describe());
                }
                b.description(v.isNil() ? null : v.text());
            }
            case "uid" -> account(b, name, v);
            case "gid" -> account(b, name, v);
            case "watch_type" -> b.watchType(RubyWatchValues.watchType(v));
            case "notify_signal" -> b.notifySignal(RubyWatchValues.signal(v));
            case "timeout" -> timeout(b, v);
            case "retries" -> retries(b, v);
            case "retry_delay" -> retryDelay(b, v);
            case "on_failure" -> onFailure(b, v);
            case "splay" -> b.splaySeconds(RubyWatchValues.seconds(name, v));
            case "debounce" -> b.debounceSeconds(RubyWatchValues.seconds(name, v));
            case "fleet_limit" -> {
                if (!v.isInteger() || v.isBignum()) {
                    throw new ConfigException("fleet_limit must be a number of machines from 1 to 10000 (0: no limit),"
                            + " not " + v.describe());
                }
                b.fleetLimit(v.longValue());
            }
            case "fleet_path" -> {
                if (!v.isNil() && !v.isString()) {
                    throw new ConfigException("fleet_path must be a String, not " + v.describe());
                }
                b.fleetPath(v.isNil() ? null : v.text());
            }
            case "env" -> {
                Map<String, String> vars = RubyWatchValues.env(v);
                if (vars != null) {
                    b.env(vars);
                }
            }
            default -> throw new IllegalArgumentException(name);
        }
    }

    private static void account(WatchDefinition.Builder b, String name, RbValue v) throws ConfigException {
        if (v.isNil()) {
            return;
        }
        if (v.isString()) {
            if (name.equals("uid")) {
                b.user(v.text());
            } else {
                b.group(v.text());
            }
            return;
        }
        if (v.isInteger()) {
            // A Bignum is out of range too: the builder's check reports it.
            long id = v.isBignum() ? Long.MAX_VALUE : v.longValue();
            try {
                if (name.equals("uid")) {
                    b.user(id);
                } else {
                    b.group(id);
                }
            } catch (ConfigException e) {
                throw new ConfigException(
                        name + " must be a name or a number from 0 to 2147483647, not " + v.inspect());
            }
            return;
        }
        throw new ConfigException(name + " must be a " + (name.equals("uid") ? "user" : "group")
                + " name (String) or number (Integer), not " + v.describe());
    }

    private static void retries(WatchDefinition.Builder b, RbValue v) throws ConfigException {
        if (v.isNil()) {
            return;
        }
        if (v.isInteger() && !v.isBignum()) {
            b.retries(v.longValue());
        } else {
            throw new ConfigException("retries must be a whole number from 0 to " + WatchDefinition.MAX_RETRIES
                    + ", not " + v.describe());
        }
    }

    private static void retryDelay(WatchDefinition.Builder b, RbValue v) throws ConfigException {
        if (v.isNil()) {
            return;
        }
        if (v.isNumeric()) {
            b.retryDelaySeconds(v.doubleValue());
        } else {
            throw new ConfigException("retry_delay must be a number of seconds greater than 0, not " + v.describe());
        }
    }

    private static void onFailure(WatchDefinition.Builder b, RbValue v) throws ConfigException {
        if (v.isNil()) {
            return;
        }
        String name = DslValues.name(v);
        try {
            if (name != null) {
                b.onFailure(OnFailure.parse(name));
                return;
            }
        } catch (ConfigException e) {
            // reported below, with the value
        }
        throw new ConfigException("on_failure must be :keep_watching or :stop_watching, not " + v.describe());
    }

    private static void timeout(WatchDefinition.Builder b, RbValue v) throws ConfigException {
        if (v.isNil()) {
            b.noTimeout();
        } else if (v.isNumeric()) {
            b.timeoutSeconds(v.doubleValue());
        } else {
            throw new ConfigException("timeout must be a number of seconds greater than 0, not " + v.describe());
        }
    }
}
