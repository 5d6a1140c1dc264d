package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ConfigException;
import io.twitcher.api.OnFailure;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.WatchParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jruby.RubyArray;
import org.jruby.RubyBignum;
import org.jruby.RubyBoolean;
import org.jruby.RubyFloat;
import org.jruby.RubyHash;
import org.jruby.RubyInteger;
import org.jruby.RubyRational;
import org.jruby.RubyString;
import org.jruby.RubySymbol;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * Reads {@code register_watch}'s arguments: up to two positional ones (znode, action, as RegisterWatch allowed) and
 * RegisterWatch's keywords, each checked for its Ruby type and applied to a {@link WatchDefinition.Builder}, whose
 * own checks give the value rules. Reasons are in the DSL's terms ({@code run_mode must be :queue, ...}); the caller
 * prefixes {@code register_watch: } and the file and line. (The .twc counterpart is PythonRegisterWatch.)
 */
final class RubyRegisterWatch {
    /** RegisterWatch's keywords, in its order. */
    static final List<String> KEYWORDS = WatchParameters.NAMES;

    private RubyRegisterWatch() {}

    /** The arguments by keyword name, positional ones included; rejects unknown keywords and extra arguments. */
    static Map<String, IRubyObject> byName(RubyArray<?> args, IRubyObject keywords) throws ConfigException {
        if (args.getLength() == 1
                && args.eltInternal(0) instanceof RubyHash
                && (!(keywords instanceof RubyHash h) || h.isEmpty())) {
            throw new ConfigException("give keyword arguments (register_watch(znode: '/x', action: ...)), not a"
                    + " Hash; to pass a Hash as keywords, write register_watch(**options)");
        }
        if (args.getLength() > 2) {
            throw new ConfigException("wrong number of arguments (given " + args.getLength()
                    + ", expected 0..2: znode and action, then keywords)");
        }
        Map<String, IRubyObject> out = new LinkedHashMap<>();
        for (int i = 0; i < args.getLength(); i++) {
            out.put(KEYWORDS.get(i), args.eltInternal(i));
        }
        List<String> unknown = new ArrayList<>();
        if (keywords instanceof RubyHash hash) {
            for (Object o : hash.directEntrySet()) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
                IRubyObject key = (IRubyObject) e.getKey();
                String name = key instanceof RubySymbol s ? s.asJavaString() : null;
                if (name == null || !KEYWORDS.contains(name)) {
                    unknown.add(RubyValues.keyword(key));
                } else if (out.containsKey(name)) {
                    throw new ConfigException(name + " given both as an argument and as a keyword");
                } else {
                    out.put(name, (IRubyObject) e.getValue());
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(
                    "unknown keyword" + (unknown.size() > 1 ? "s" : "") + ": " + String.join(", ", unknown));
        }
        return out;
    }

    /** Applies every argument but action to {@code b}, in RegisterWatch's order. */
    static void apply(WatchDefinition.Builder b, Map<String, IRubyObject> args) throws ConfigException {
        for (String name : KEYWORDS) {
            if (args.containsKey(name) && !name.equals("action")) {
                apply(b, name, args.get(name));
            }
        }
    }

    private static void apply(WatchDefinition.Builder b, String name, IRubyObject v) throws ConfigException {
        switch (name) {
            case "znode" -> {
                if (!(v instanceof RubyString s)) {
                    throw new ConfigException("znode must be a String, not " + RubyValues.describe(v));
                }
                b.znode(s.asJavaString());
            }
            case "pipe_stdin" -> b.pipeStdin(RubyWatchValues.bool(name, v));
            case "run_on_load" -> {
                if (v instanceof RubySymbol s && s.asJavaString().equals("if_changed")) {
                    b.runOnLoadIfChanged();
                } else if (v instanceof RubyBoolean) {
                    b.runOnLoad(v.isTrue());
                } else {
                    throw new ConfigException(
                            "run_on_load must be true, false or :if_changed, not " + RubyValues.describe(v));
                }
            }
            case "run_mode" -> b.runMode(RubyWatchValues.runMode(v));
            case "description" -> {
                if (!RubyValues.isNil(v) && !(v instanceof RubyString)) {
                    throw new ConfigException("description must be a String, not " + RubyValues.describe(v));
                }
                b.description(RubyValues.isNil(v) ? null : ((RubyString) v).asJavaString());
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
                if (!(v instanceof RubyInteger) || v instanceof RubyBignum) {
                    throw new ConfigException("fleet_limit must be a number of machines from 1 to 10000 (0: no limit),"
                            + " not " + RubyValues.describe(v));
                }
                b.fleetLimit(((RubyInteger) v).getLongValue());
            }
            case "fleet_path" -> {
                if (!RubyValues.isNil(v) && !(v instanceof RubyString)) {
                    throw new ConfigException("fleet_path must be a String, not " + RubyValues.describe(v));
                }
                b.fleetPath(RubyValues.isNil(v) ? null : ((RubyString) v).asJavaString());
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

    private static void account(WatchDefinition.Builder b, String name, IRubyObject v) throws ConfigException {
        if (RubyValues.isNil(v)) {
            return;
        }
        if (v instanceof RubyString s) {
            if (name.equals("uid")) {
                b.user(s.asJavaString());
            } else {
                b.group(s.asJavaString());
            }
            return;
        }
        if (v instanceof RubyInteger i) {
            // A Bignum is out of range too: the builder's check reports it.
            long id = v instanceof RubyBignum ? Long.MAX_VALUE : i.getLongValue();
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
                + " name (String) or number (Integer), not " + RubyValues.describe(v));
    }

    private static void retries(WatchDefinition.Builder b, IRubyObject v) throws ConfigException {
        if (RubyValues.isNil(v)) {
            return;
        }
        if (v instanceof RubyInteger i && !(v instanceof RubyBignum)) {
            b.retries(i.getLongValue());
        } else {
            throw new ConfigException("retries must be a whole number from 0 to " + WatchDefinition.MAX_RETRIES
                    + ", not " + RubyValues.describe(v));
        }
    }

    private static void retryDelay(WatchDefinition.Builder b, IRubyObject v) throws ConfigException {
        if (RubyValues.isNil(v)) {
            return;
        }
        if (v instanceof RubyInteger || v instanceof RubyFloat || v instanceof RubyRational) {
            b.retryDelaySeconds(v.convertToFloat().getDoubleValue());
        } else {
            throw new ConfigException(
                    "retry_delay must be a number of seconds greater than 0, not " + RubyValues.describe(v));
        }
    }

    private static void onFailure(WatchDefinition.Builder b, IRubyObject v) throws ConfigException {
        if (RubyValues.isNil(v)) {
            return;
        }
        String name = v instanceof RubySymbol || v instanceof RubyString ? RubyValues.name(v) : null;
        try {
            if (name != null) {
                b.onFailure(OnFailure.parse(name));
                return;
            }
        } catch (ConfigException e) {
            // reported below, with the value
        }
        throw new ConfigException("on_failure must be :keep_watching or :stop_watching, not " + RubyValues.describe(v));
    }

    private static void timeout(WatchDefinition.Builder b, IRubyObject v) throws ConfigException {
        if (RubyValues.isNil(v)) {
            b.noTimeout();
        } else if (v instanceof RubyInteger || v instanceof RubyFloat || v instanceof RubyRational) {
            b.timeoutSeconds(v.convertToFloat().getDoubleValue());
        } else {
            throw new ConfigException(
                    "timeout must be a number of seconds greater than 0, not " + RubyValues.describe(v));
        }
    }
}
