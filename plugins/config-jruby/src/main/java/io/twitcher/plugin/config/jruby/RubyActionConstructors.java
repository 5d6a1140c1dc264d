package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DSL's action constructors, {@code exec}, {@code webhook}, {@code java_action} and {@code action}: each checks
 * the shape of its arguments and returns the {@link ActionSpec} that {@code register_watch(action: ...)} takes. The
 * action type itself validates its parameters further when the daemon builds the action. Values come from JRuby or from
 * a file read as literals ({@link RbValue}). (The .twc counterpart is ActionArguments.)
 */
final class RubyActionConstructors {
    private RubyActionConstructors() {}

    /** {@code exec('cmd')}: a shell command; {@code exec(['git', 'pull'])} or {@code exec('git', 'pull')}: an argv. */
    static ActionSpec exec(List<RbValue> args) throws ConfigException {
        if (args.isEmpty()) {
            throw new ConfigException("exec: give a command (exec('git pull')) or a program and its arguments"
                    + " (exec('git', 'pull'))");
        }
        RbValue first = args.get(0);
        if (args.size() == 1 && first.isString()) {
            if (first.text().isBlank()) {
                throw new ConfigException("exec: the command must not be empty");
            }
            return ActionSpec.shell(first.text());
        }
        if (args.size() == 1 && !first.isArray()) {
            throw new ConfigException(
                    "exec: the command must be a String or an Array of Strings, not " + first.describe());
        }
        List<RbValue> items = args.size() == 1 ? first.items() : args;
        List<String> argv = new ArrayList<>();
        for (RbValue item : items) {
            if (!item.isString()) {
                throw new ConfigException(
                        "exec: the program and its arguments must be Strings, not " + item.describe());
            }
            argv.add(item.text());
        }
        if (argv.isEmpty()) {
            throw new ConfigException("exec: the argument list must not be empty");
        }
        if (argv.get(0).isEmpty()) {
            throw new ConfigException("exec: the program name must not be empty");
        }
        return ActionSpec.of("exec", Map.of("argv", argv));
    }

    /** {@code webhook(url: ..., **params)} or {@code webhook('https://...', **params)}: the {@code http} type. */
    static ActionSpec webhook(List<RbValue> args, List<Map.Entry<RbValue, RbValue>> keywords) throws ConfigException {
        RbValue url = positionalOrKeyword("webhook", "url", args, keywords);
        if (url == null || url.isNil()) {
            throw new ConfigException("webhook: url is required (webhook(url: 'https://...'))");
        }
        if (!url.isString() || url.text().isBlank()) {
            throw new ConfigException("webhook: url must be a non-empty String, not " + url.describe());
        }
        return ActionSpec.of("http", first("url", url.text(), DslValues.params("webhook", keywords)));
    }

    /** {@code java_action('name', **params)}: the {@code java} type running the Callback with that name. */
    static ActionSpec javaAction(List<RbValue> args, List<Map.Entry<RbValue, RbValue>> keywords)
            throws ConfigException {
        RbValue name = positionalOrKeyword("java_action", "name", args, keywords);
        String text = name == null || name.isNil() ? null : DslValues.name(name);
        if (text == null || text.isBlank()) {
            throw new ConfigException("java_action: the callback's name must be a non-empty String or Symbol, as in"
                    + " java_action('audit'), not " + (name == null ? "nil" : name.describe()));
        }
        return ActionSpec.of("java", first("name", text, DslValues.params("java_action", keywords)));
    }

    /** {@code action(:type, **params)}: any action type by name. */
    static ActionSpec generic(List<RbValue> args, List<Map.Entry<RbValue, RbValue>> keywords) throws ConfigException {
        Map<String, Object> params = DslValues.params("action", keywords);
        if (args.size() != 1) {
            throw new ConfigException("action: give the action type's name and its parameters, as in"
                    + " action(:http, url: 'https://...'), not " + args.size() + " arguments");
        }
        String type = DslValues.name(args.get(0));
        if (type == null || type.isBlank()) {
            throw new ConfigException("action: the action type must be a Symbol or String such as :exec or :http,"
                    + " not " + args.get(0).describe());
        }
        return ActionSpec.of(type, params);
    }

    /**
     * The one optional positional argument that stands for keyword {@code name}, or that keyword's value; {@code null}
     * when neither is given.
     */
    private static RbValue positionalOrKeyword(
            String method, String name, List<RbValue> args, List<Map.Entry<RbValue, RbValue>> keywords)
            throws ConfigException {
        RbValue keyword = null;
        for (Map.Entry<RbValue, RbValue> e : keywords) {
            if (e.getKey().isSymbol() && e.getKey().text().equals(name)) {
                keyword = e.getValue();
            }
        }
        if (args.size() > 1) {
            throw new ConfigException(
                    method + ": wrong number of arguments (given " + args.size() + ", expected 0..1)");
        }
        if (args.size() == 1 && keyword != null) {
            throw new ConfigException(method + ": " + name + " given both as an argument and as a keyword");
        }
        return args.size() == 1 ? args.get(0) : keyword;
    }

    private static Map<String, Object> first(String key, String value, Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(key, value);
        params.forEach(out::putIfAbsent);
        return out;
    }
}
