package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jruby.RubyArray;
import org.jruby.RubyHash;
import org.jruby.RubyString;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * The DSL's action constructors, {@code exec}, {@code webhook}, {@code java_action} and {@code action}: each checks
 * the shape of its arguments and returns the {@link ActionSpec} that {@code register_watch(action: ...)} takes. The
 * action type itself validates its parameters further when the daemon builds the action. (The .twc counterpart is
 * PythonActionConstructor.)
 */
final class RubyActionConstructors {
    private RubyActionConstructors() {
    }

    /** {@code exec('cmd')}: a shell command; {@code exec(['git', 'pull'])} or {@code exec('git', 'pull')}: an argv. */
    static ActionSpec exec(RubyArray<?> args) throws ConfigException {
        if (args.getLength() == 0) {
            throw new ConfigException("exec: give a command (exec('git pull')) or a program and its arguments"
                    + " (exec('git', 'pull'))");
        }
        IRubyObject first = args.eltInternal(0);
        if (args.getLength() == 1 && first instanceof RubyString command) {
            if (command.asJavaString().isBlank()) {
                throw new ConfigException("exec: the command must not be empty");
            }
            return ActionSpec.shell(command.asJavaString());
        }
        if (args.getLength() == 1 && !(first instanceof RubyArray)) {
            throw new ConfigException("exec: the command must be a String or an Array of Strings, not "
                    + RubyValues.describe(first));
        }
        RubyArray<?> items = args.getLength() == 1 ? (RubyArray<?>) first : args;
        List<String> argv = new ArrayList<>();
        for (int i = 0; i < items.getLength(); i++) {
            IRubyObject item = items.eltInternal(i);
            if (!(item instanceof RubyString s)) {
                throw new ConfigException("exec: the program and its arguments must be Strings, not "
                        + RubyValues.describe(item));
            }
            argv.add(s.asJavaString());
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
    static ActionSpec webhook(RubyArray<?> args, IRubyObject keywords) throws ConfigException {
        IRubyObject url = positionalOrKeyword("webhook", "url", args, keywords);
        if (RubyValues.isNil(url)) {
            throw new ConfigException("webhook: url is required (webhook(url: 'https://...'))");
        }
        if (!(url instanceof RubyString text) || text.asJavaString().isBlank()) {
            throw new ConfigException("webhook: url must be a non-empty String, not " + RubyValues.describe(url));
        }
        return ActionSpec.of("http", first("url", text.asJavaString(), RubyValues.params("webhook", keywords)));
    }

    /** {@code java_action('name', **params)}: the {@code java} type running the Callback with that name. */
    static ActionSpec javaAction(RubyArray<?> args, IRubyObject keywords) throws ConfigException {
        IRubyObject name = positionalOrKeyword("java_action", "name", args, keywords);
        String text = RubyValues.isNil(name) ? null : RubyValues.name(name);
        if (text == null || text.isBlank()) {
            throw new ConfigException("java_action: the callback's name must be a non-empty String or Symbol, as in"
                    + " java_action('audit'), not " + RubyValues.describe(name));
        }
        return ActionSpec.of("java", first("name", text, RubyValues.params("java_action", keywords)));
    }

    /** {@code action(:type, **params)}: any action type by name. */
    static ActionSpec generic(RubyArray<?> args, IRubyObject keywords) throws ConfigException {
        Map<String, Object> params = RubyValues.params("action", keywords);
        if (args.getLength() != 1) {
            throw new ConfigException("action: give the action type's name and its parameters, as in"
                    + " action(:http, url: 'https://...'), not " + args.getLength() + " arguments");
        }
        String type = RubyValues.name(args.eltInternal(0));
        if (type == null || type.isBlank()) {
            throw new ConfigException("action: the action type must be a Symbol or String such as :exec or :http,"
                    + " not " + RubyValues.describe(args.eltInternal(0)));
        }
        return ActionSpec.of(type, params);
    }

    /** The one optional positional argument that stands for keyword {@code name}, or that keyword's value. */
    private static IRubyObject positionalOrKeyword(String method, String name, RubyArray<?> args,
                                                   IRubyObject keywords) throws ConfigException {
        IRubyObject keyword = keywords instanceof RubyHash hash
                ? hash.fastARef(hash.getRuntime().newSymbol(name)) : null;
        if (args.getLength() > 1) {
            throw new ConfigException(method + ": wrong number of arguments (given " + args.getLength()
                    + ", expected 0..1)");
        }
        if (args.getLength() == 1 && keyword != null) {
            throw new ConfigException(method + ": " + name + " given both as an argument and as a keyword");
        }
        return args.getLength() == 1 ? args.eltInternal(0) : keyword;
    }

    private static Map<String, Object> first(String key, String value, Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(key, value);
        params.forEach(out::putIfAbsent);
        return out;
    }
}
