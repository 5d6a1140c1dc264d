package io.twitcher.plugin.config.properties;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.ConfigLoader;
import io.twitcher.api.OnFailure;
import io.twitcher.api.RunMode;
import io.twitcher.api.Signals;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.WatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Loads {@code .properties} files: one watch with plain keys ({@code znode=/git/head}), or several watches whose keys
 * share a prefix per watch ({@code deploy.znode=...}, {@code deploy.command=...}). Keys mirror RegisterWatch; an
 * action type's parameters are {@code <type>.<param>} ({@code http.url=...}). Stateless, so safe on any thread.
 */
@Extension
public final class PropertiesConfigLoader implements ConfigLoader {
    /** The keys of a watch: RegisterWatch's names (env as {@code env.<NAME>}), plus the exec shorthands. */
    static final Set<String> WATCH_KEYS = watchKeys();

    private static Set<String> watchKeys() {
        Set<String> keys = new java.util.TreeSet<>(List.of("command", "argv"));
        for (String name : io.twitcher.api.WatchParameters.NAMES) {
            keys.add(name.equals("env") ? "env.<NAME>" : name);
        }
        return java.util.Collections.unmodifiableSet(keys);
    }

    @Override
    public Set<String> suffixes() {
        return Set.of(".properties");
    }

    @Override
    public List<WatchDefinition> load(ConfigFile file) throws ConfigException {
        String name = file.displayName();
        List<PropertiesLines.Entry> entries = PropertiesLines.parse(name, file.text());
        Map<String, PropertiesLines.Entry> seen = new LinkedHashMap<>();
        for (PropertiesLines.Entry e : entries) {
            PropertiesLines.Entry before = seen.putIfAbsent(e.key(), e);
            if (before != null) {
                throw ConfigException.at(
                        name, e.line(), "key '" + e.key() + "' is set twice (first on line " + before.line() + ")");
            }
        }
        boolean single = seen.containsKey("znode") || seen.keySet().stream().noneMatch(k -> k.endsWith(".znode"));
        Map<String, Map<String, PropertiesLines.Entry>> watches = new LinkedHashMap<>();
        for (PropertiesLines.Entry e : entries) {
            if (single) {
                watches.computeIfAbsent("", k -> new LinkedHashMap<>()).put(e.key(), e);
            } else {
                int dot = e.key().indexOf('.');
                if (dot <= 0) {
                    throw ConfigException.at(
                            name,
                            e.line(),
                            "unknown key '" + e.key() + "': in a file that defines"
                                    + " several watches every key starts with the watch's name, as in deploy.znode");
                }
                watches.computeIfAbsent(e.key().substring(0, dot), k -> new LinkedHashMap<>())
                        .put(e.key().substring(dot + 1), e);
            }
        }
        List<WatchDefinition> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, PropertiesLines.Entry>> w : watches.entrySet()) {
            out.add(watch(name, w.getKey(), w.getValue(), out.size() + 1));
        }
        return out;
    }

    private WatchDefinition watch(String file, String prefix, Map<String, PropertiesLines.Entry> keys, int index)
            throws ConfigException {
        String p = prefix.isEmpty() ? "" : prefix + ".";
        PropertiesLines.Entry znode = keys.get("znode");
        if (znode == null) {
            int line = keys.values().iterator().next().line();
            throw ConfigException.at(
                    file, line, p.isEmpty() ? "znode is required" : "watch '" + prefix + "' has no " + p + "znode");
        }
        String actionType =
                keys.containsKey("action") ? keys.get("action").value().trim() : "exec";
        WatchDefinition.Builder b = WatchDefinition.builder().origin(file, znode.line(), index);
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (PropertiesLines.Entry e : keys.values()) {
            String key = keyOf(e, p);
            try {
                if (key.startsWith("env.")) {
                    env.put(key.substring("env.".length()), e.value());
                    b.env(env); // checks the new name and value on their own line
                } else {
                    apply(b, key, e.value(), actionType, params);
                }
            } catch (ConfigException ex) {
                // Reasons start with the bare key ("run_mode must be ..."): name the key as the file spells it.
                String reason = ex.reason();
                throw ConfigException.at(
                        file,
                        e.line(),
                        reason.startsWith(key) || reason.startsWith("env: ") ? p + reason : e.key() + ": " + reason);
            }
        }
        if (actionType.isEmpty()) {
            throw ConfigException.at(
                    file, keys.get("action").line(), p + "action must name an action type such as" + " exec or http");
        }
        if (actionType.equals("exec") && !keys.containsKey("command") && !keys.containsKey("argv")) {
            throw ConfigException.at(
                    file,
                    znode.line(),
                    "watch " + (p.isEmpty() ? "" : "'" + prefix + "' ") + "needs " + p + "command or " + p + "argv (or "
                            + p + "action naming another action type)");
        }
        b.action(ActionSpec.of(actionType, params));
        try {
            return b.build();
        } catch (ConfigException ex) {
            throw ex.at(file, znode.line());
        }
    }

    private static String keyOf(PropertiesLines.Entry e, String prefix) {
        return prefix.isEmpty() ? e.key() : e.key().substring(prefix.length());
    }

    private static void apply(
            WatchDefinition.Builder b, String key, String raw, String actionType, Map<String, Object> params)
            throws ConfigException {
        String v = raw.trim();
        switch (key) {
            case "znode" -> b.znode(v);
            case "action" -> {
                // read before the loop
            }
            case "command", "argv" -> {
                if (!actionType.equals("exec")) {
                    throw new ConfigException(
                            key + " applies only to action=exec (this watch's action is " + actionType + ")");
                }
                params.put(key, key.equals("command") ? raw : argv(v));
            }
            case "pipe_stdin" -> b.pipeStdin(bool(key, v));
            case "run_on_load" -> {
                if (v.equalsIgnoreCase("if_changed")) {
                    b.runOnLoadIfChanged();
                } else {
                    b.runOnLoad(bool(key, v, "true, false or if_changed"));
                }
            }
            case "run_mode" -> b.runMode(RunMode.parse(v));
            case "description" -> b.description(v);
            case "uid" -> b.user(v);
            case "gid" -> b.group(v);
            case "watch_type" -> b.watchType(WatchType.parse(v));
            case "notify_signal" -> b.notifySignal(Signals.parse(v));
            case "timeout" -> b.timeoutSeconds(number(v, "timeout must be a number of seconds greater than 0"));
            case "retries" ->
                b.retries(whole(v, "retries must be a whole number from 0 to " + WatchDefinition.MAX_RETRIES));
            case "retry_delay" ->
                b.retryDelaySeconds(number(v, "retry_delay must be a number of seconds greater" + " than 0"));
            case "on_failure" -> b.onFailure(OnFailure.parse(v));
            case "env" -> throw new ConfigException("env takes one key per variable, as in env.DEPLOY_TARGET=blue");
            case "splay" -> b.splaySeconds(number(v, "splay must be a number of seconds from 0 to 86400"));
            case "debounce" -> b.debounceSeconds(number(v, "debounce must be a number of seconds from 0 to 86400"));
            case "fleet_limit" ->
                b.fleetLimit(integer(v, "fleet_limit must be a number of machines from 1 to 10000 (0: no limit)"));
            case "fleet_path" -> b.fleetPath(v);
            default -> {
                String typePrefix = actionType + ".";
                if (!key.startsWith(typePrefix) || key.length() == typePrefix.length()) {
                    throw new ConfigException(key + " is not a known key; known keys are "
                            + String.join(", ", WATCH_KEYS) + ", and " + typePrefix
                            + "<parameter> for the action's parameters");
                }
                params.put(key.substring(typePrefix.length()), raw);
            }
        }
    }

    private static List<String> argv(String v) throws ConfigException {
        return JsonStrings.parse(v)
                .orElseThrow(() -> new ConfigException(
                        "argv must be a JSON list of strings such as [\"git\", \"pull\"], not '" + v + "'"));
    }

    private static boolean bool(String key, String v) throws ConfigException {
        return bool(key, v, "true or false");
    }

    private static boolean bool(String key, String v, String alternatives) throws ConfigException {
        String t = v.toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new ConfigException(key + " must be " + alternatives + ", not '" + v + "'");
    }

    private static long integer(String v, String reason) throws ConfigException {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(reason + ", not '" + v + "'");
        }
    }

    private static long whole(String v, String reason) throws ConfigException {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(reason + ", not '" + v + "'");
        }
    }

    private static double number(String v, String reason) throws ConfigException {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(reason + ", not '" + v + "'");
        }
    }
}
