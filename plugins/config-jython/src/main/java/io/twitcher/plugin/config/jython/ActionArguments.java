package io.twitcher.plugin.config.jython;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The predefined functions that name an action type and their checks: {@code Exec(command)}, {@code Webhook(url,
 * **params)}, {@code JavaAction(name, **params)} and the generic {@code Action(type, **params)}, whether Jython calls
 * them ({@link PythonActionConstructor}) or the file was read as literals ({@link LiteralTwc}). (The .rb counterpart
 * is RubyActionConstructors.)
 *
 * @param name       the function's name
 * @param parameter  its one named parameter
 * @param actionType the action type it makes; {@code null} for {@code Action}, whose parameter names it
 */
record ActionArguments(String name, String parameter, String actionType) {
    static final List<ActionArguments> ALL = List.of(
            new ActionArguments("Exec", "command", "exec"),
            new ActionArguments("Webhook", "url", "http"),
            new ActionArguments("JavaAction", "name", "java"),
            new ActionArguments("Action", "type", null));

    /** The function called {@code name}, or {@code null}. */
    static ActionArguments named(String name) {
        for (ActionArguments f : ALL) {
            if (f.name.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** Binds a call's arguments: only Exec refuses keywords other than its parameter. */
    CallArgs bind(List<TwcValue> args, List<String> keywords) throws ConfigException {
        CallArgs a = CallArgs.bind(name, List.of(parameter), args, keywords, !name.equals("Exec"));
        if (a.get(parameter) == null) {
            throw new ConfigException(name + ": " + parameter + " is required");
        }
        return a;
    }

    /** The action the call makes. */
    ActionSpec spec(CallArgs a) throws ConfigException {
        return name.equals("Exec") ? exec(a.get(parameter)) : typed(a);
    }

    /** {@code Exec(command)}: a str runs under {@code /bin/sh -c}, a list or tuple of str is the argv itself. */
    private static ActionSpec exec(TwcValue command) throws ConfigException {
        if (command.isStr()) {
            String text = command.str();
            if (text.isBlank()) {
                throw new ConfigException("Exec: command must not be empty");
            }
            return ActionSpec.shell(text);
        }
        if (!command.isSequence()) {
            throw new ConfigException("Exec: command must be a str (run by /bin/sh -c) or a list or tuple of str,"
                    + " not " + command.typeName() + " " + command.repr());
        }
        List<String> argv = new ArrayList<>();
        for (TwcValue item : command.items()) {
            if (!item.isStr()) {
                throw new ConfigException("Exec: every item of the command list must be a str, not " + item.typeName()
                        + " " + item.repr() + " (item " + argv.size() + ")");
            }
            argv.add(item.str());
        }
        if (argv.isEmpty()) {
            throw new ConfigException("Exec: the command list must not be empty: its first item is the program");
        }
        if (argv.get(0).isEmpty()) {
            throw new ConfigException("Exec: the command list's first item (the program) must not be empty");
        }
        return ActionSpec.of("exec", Map.of("argv", List.copyOf(argv)));
    }

    /** {@code Webhook(url, ...)}, {@code JavaAction(name, ...)}, {@code Action(type, ...)}. */
    private ActionSpec typed(CallArgs a) throws ConfigException {
        TwcValue value = a.get(parameter);
        if (!value.isStr() || value.str().isBlank()) {
            throw new ConfigException(
                    name + ": " + parameter + " must be a non-empty str, not " + value.typeName() + " " + value.repr());
        }
        Map<String, Object> params = new LinkedHashMap<>();
        if (actionType != null) {
            params.put(parameter, value.str());
        }
        for (Map.Entry<String, TwcValue> e : a.extra().entrySet()) {
            Object v = toJava(e.getValue(), name + ": " + e.getKey());
            if (v != null) {
                params.put(e.getKey(), v);
            }
        }
        return ActionSpec.of(actionType != null ? actionType : value.str(), params);
    }

    /**
     * An action parameter as plain data: str to String, bool to Boolean, int to Long, float to Double, list or tuple
     * to List, dict (str keys) to Map; None to {@code null}.
     *
     * @param what how messages name the value ({@code "Webhook: headers"})
     */
    static Object toJava(TwcValue value, String what) throws ConfigException {
        if (value == null || value.isNone()) {
            return null;
        }
        if (value.isBool()) {
            return value.boolValue();
        }
        if (value.isStr()) {
            return value.str();
        }
        if (value.isInt()) {
            if (!value.fitsLong()) {
                throw new ConfigException(what + " is too large: " + value.repr());
            }
            return value.longValue();
        }
        if (value.isFloat()) {
            return value.doubleValue();
        }
        if (value.isSequence()) {
            List<Object> out = new ArrayList<>();
            for (TwcValue item : value.items()) {
                out.add(toJava(item, what));
            }
            return out;
        }
        if (value.isMapping()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<TwcValue, TwcValue> e : value.entries()) {
                TwcValue key = e.getKey();
                if (!key.isStr()) {
                    throw new ConfigException(what + " must have str keys, not " + key.typeName() + " " + key.repr());
                }
                out.put(key.str(), toJava(e.getValue(), what + "['" + key.str() + "']"));
            }
            return out;
        }
        throw new ConfigException(what + " must be a str, bool, int, float, list or dict, not " + value.typeName());
    }
}
