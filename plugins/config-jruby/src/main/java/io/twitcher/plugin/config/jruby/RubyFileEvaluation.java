package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import io.twitcher.api.WatchDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jruby.RubyInteger;
import org.jruby.RubyMethod;
import org.jruby.RubyProc;
import org.jruby.RubyString;
import org.jruby.RubySymbol;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * One evaluation of one {@code .rb} file, the Java side of its DSL: the Ruby methods in {@code twitcher.rb} pass
 * their arguments and the line of the call here. Collects the file's watches; remembers the first error, so that a
 * file which rescues a DSL error is still rejected. Public only because JRuby calls it; used on the loading thread
 * alone. (The .twc counterpart is PythonFileEvaluation; the DSL's methods are checked by {@link RubyRegisterWatch}
 * and {@link RubyActionConstructors}.)
 */
public final class RubyFileEvaluation {
    private final String fileName;
    private final RubyRuntime runtime;
    private final RubyFingerprint fingerprints;
    private final List<WatchDefinition> definitions = new ArrayList<>();
    private ConfigException firstError;

    RubyFileEvaluation(String fileName, RubyRuntime runtime, RubyFingerprint fingerprints) {
        this.fileName = fileName;
        this.runtime = runtime;
        this.fingerprints = fingerprints;
    }

    /** The file's display name, which is also its path in Ruby backtraces. */
    public String fileName() {
        return fileName;
    }

    /** {@code register_watch(znode, action, **keywords, &block)} called on {@code line}. */
    public void register(int line, IRubyObject args, IRubyObject keywords, IRubyObject block) throws ConfigException {
        try {
            Map<String, RbValue> named = RubyRegisterWatch.byName(JRubyValue.all(args), entries(keywords));
            WatchDefinition.Builder b = RubyRegisterWatch.watch(named, fileName, line, definitions.size() + 1);
            b.action(action(named, block, line));
            definitions.add(b.build());
        } catch (ConfigException e) {
            throw fail("register_watch: ", e, line);
        }
    }

    /** {@code exec(...)} called on {@code line}. */
    public ActionSpec exec(int line, IRubyObject argv) throws ConfigException {
        try {
            return RubyActionConstructors.exec(JRubyValue.all(argv));
        } catch (ConfigException e) {
            throw fail("", e, line);
        }
    }

    /** {@code webhook(...)} called on {@code line}. */
    public ActionSpec webhook(int line, IRubyObject args, IRubyObject params) throws ConfigException {
        try {
            return RubyActionConstructors.webhook(JRubyValue.all(args), entries(params));
        } catch (ConfigException e) {
            throw fail("", e, line);
        }
    }

    /** {@code java_action(...)} called on {@code line}. */
    public ActionSpec javaAction(int line, IRubyObject args, IRubyObject params) throws ConfigException {
        try {
            return RubyActionConstructors.javaAction(JRubyValue.all(args), entries(params));
        } catch (ConfigException e) {
            throw fail("", e, line);
        }
    }

    /** {@code action(:type, ...)} called on {@code line}. */
    public ActionSpec action(int line, IRubyObject args, IRubyObject params) throws ConfigException {
        try {
            return RubyActionConstructors.generic(JRubyValue.all(args), entries(params));
        } catch (ConfigException e) {
            throw fail("", e, line);
        }
    }

    List<WatchDefinition> definitions() {
        return List.copyOf(definitions);
    }

    ConfigException firstError() {
        return firstError;
    }

    /** Keyword arguments (a Hash, or nil when none) in order. */
    private static List<Map.Entry<RbValue, RbValue>> entries(IRubyObject keywords) {
        JRubyValue hash = new JRubyValue(keywords);
        return hash.isHash() ? hash.entries() : List.of();
    }

    private ActionSpec action(Map<String, RbValue> named, IRubyObject block, int line) throws ConfigException {
        boolean hasBlock = !RubyValues.isNil(block);
        if (hasBlock && named.containsKey("action")) {
            throw new ConfigException("give either action: or a block, not both");
        }
        if (hasBlock) {
            return inline(block, line);
        }
        ActionSpec spec = RubyRegisterWatch.actionSpec(named);
        if (spec != null) {
            return spec;
        }
        IRubyObject given = JRubyValue.of(named.get("action"));
        if (given instanceof RubyProc
                || given instanceof RubyMethod
                || (!RubyValues.isNil(given)
                        && !(given instanceof RubyString)
                        && !(given instanceof RubySymbol)
                        && given.respondsTo("call"))) {
            return inline(given, line);
        }
        throw new ConfigException("action must be exec(...), webhook(...), java_action(...), action(...), a lambda,"
                + " a proc or a method, not " + RubyValues.describe(given)
                + (given instanceof RubyString s ? "; to run a command write exec('" + s.asJavaString() + "')" : ""));
    }

    private ActionSpec inline(IRubyObject callable, int line) throws ConfigException {
        IRubyObject arityObject = callable instanceof RubyProc || callable instanceof RubyMethod
                ? callable.callMethod(runtime.context(), "arity")
                : callable.callMethod(runtime.context(), "method", runtime.symbol("call"))
                        .callMethod(runtime.context(), "arity");
        long arity = arityObject instanceof RubyInteger i ? i.getLongValue() : 0;
        if (arity > 1 || arity < -2) {
            throw new ConfigException("an in-process action takes no argument or one (the data), not "
                    + (arity < 0 ? "at least " + (-arity - 1) : String.valueOf(arity)));
        }
        return ActionSpec.inline(
                "ruby", new RubyAction(runtime, callable, fileName, line, arity != 0), fingerprints.of(callable));
    }

    private ConfigException fail(String prefix, ConfigException e, int line) {
        ConfigException located = e.location() != null ? e : ConfigException.at(fileName, line, prefix + e.reason());
        if (firstError == null) {
            firstError = located;
        }
        return located;
    }
}
