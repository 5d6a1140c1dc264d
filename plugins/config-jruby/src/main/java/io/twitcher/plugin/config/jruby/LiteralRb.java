package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.WatchDefinition;
import io.twitcher.plugin.config.jruby.RbLexer.Outside;
import io.twitcher.plugin.config.jruby.RbLexer.Token;
import io.twitcher.plugin.config.jruby.RbLexer.Type;
import io.twitcher.plugin.config.jruby.RbLiteral.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code .rb} file without JRuby when all it does is call {@code register_watch} with literal arguments:
 * strings, numbers, symbols, true, false, nil, the constants {@code QUEUE}, {@code PARALLEL}, {@code DISCARD},
 * {@code WATCH_DATA}, {@code WATCH_CHILDREN}, arrays, hashes, and calls of {@code exec}, {@code webhook}, {@code
 * java_action} and {@code action} with such arguments; with or without parentheses, over several lines. Such a file
 * has no effect but its calls, so reading it here gives the watches JRuby would give: the same checks ({@link
 * RubyRegisterWatch}, {@link RubyActionConstructors}), the same lines, in the same order. Any other file (a block, a
 * variable, a method, a {@code require}), and any file with an error, is left to JRuby, which reports errors in its
 * own words; so a daemon whose {@code .rb} files are all literal never starts JRuby.
 */
final class LiteralRb {
    private static final Map<String, Long> CONSTANTS =
            Map.of("QUEUE", 1L, "PARALLEL", 2L, "DISCARD", 3L, "WATCH_DATA", 1L, "WATCH_CHILDREN", 2L);
    private static final Set<String> ACTIONS = Set.of("exec", "webhook", "java_action", "action");
    private static final int MAX_NESTING = 50;

    private final ConfigFile file;
    private final List<Token> tokens;
    private final List<WatchDefinition> watches = new ArrayList<>();
    private int next;
    private int nesting;

    private LiteralRb(ConfigFile file, List<Token> tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    /** The file's watches, or empty when the file is left to JRuby (beyond literals, or in error). */
    static Optional<List<WatchDefinition>> load(ConfigFile file) {
        try {
            LiteralRb reader = new LiteralRb(file, RbLexer.tokens(file.content()));
            reader.statements();
            return Optional.of(List.copyOf(reader.watches));
        } catch (ConfigException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void statements() throws ConfigException {
        while (true) {
            skipNewlines();
            Token t = take();
            if (t.type() == Type.END) {
                return;
            }
            if (t.type() != Type.NAME || !t.text().equals("register_watch")) {
                throw new Outside();
            }
            Call call = peek().is("(") && !peek().spaced() ? parenthesised() : command();
            if (peek().type() != Type.NEWLINE) {
                throw new Outside(); // a block (do ... end, { ... }), a method call on the result, a second statement
            }
            registerWatch(call, t.line());
        }
    }

    /** JRuby names the line the call starts on. */
    private void registerWatch(Call call, int line) throws ConfigException {
        Map<String, RbValue> named = RubyRegisterWatch.byName(call.args, call.keywords);
        WatchDefinition.Builder b = RubyRegisterWatch.watch(named, file.displayName(), line, watches.size() + 1);
        ActionSpec spec = RubyRegisterWatch.actionSpec(named);
        if (spec == null) {
            throw new Outside(); // not an action: JRuby says why
        }
        watches.add(b.action(spec).build());
    }

    private record Call(List<RbValue> args, List<Map.Entry<RbValue, RbValue>> keywords) {}

    /** {@code (arg, ..., key: value, ...)}, line ends allowed after {@code (} and commas and before {@code )}. */
    private Call parenthesised() throws ConfigException {
        take();
        Call call = new Call(new ArrayList<>(), new ArrayList<>());
        each(")", () -> argument(call));
        return call;
    }

    private interface Item {
        void read() throws ConfigException;
    }

    /**
     * Comma-separated items up to {@code close} (taken), a trailing comma allowed; line ends after the opening bracket,
     * after a comma, and before {@code close}, but not before a comma (a syntax error in Ruby).
     */
    private void each(String close, Item item) throws ConfigException {
        skipNewlines();
        while (!peek().is(close)) {
            item.read();
            if (peek().type() == Type.NEWLINE) {
                skipNewlines();
                if (!peek().is(close)) {
                    throw new Outside();
                }
            } else if (!peek().is(close)) {
                expect(",");
                skipNewlines();
            }
        }
        take();
    }

    /** {@code register_watch arg, ..., key: value}: the arguments run to a line end not after a comma. */
    private Call command() throws ConfigException {
        Call call = new Call(new ArrayList<>(), new ArrayList<>());
        if (!peek().spaced() || peek().is("{")) {
            throw new Outside(); // register_watch{ ... }, register_watch { ... }: a block
        }
        argument(call);
        while (peek().is(",")) {
            take();
            skipNewlines();
            argument(call);
        }
        return call;
    }

    /** A positional argument, or {@code key: value} / {@code :key => value} (keywords last, each once). */
    private void argument(Call call) throws ConfigException {
        RbValue key;
        if (peek().type() == Type.LABEL) {
            key = new RbLiteral(Kind.SYMBOL, take().text());
        } else {
            RbValue value = value();
            if (!peek().is("=>")) {
                if (!call.keywords.isEmpty()) {
                    throw new Outside(); // a positional argument after keywords
                }
                call.args.add(value);
                return;
            }
            take();
            key = value;
            if (!key.isSymbol()) {
                throw new Outside();
            }
        }
        for (Map.Entry<RbValue, RbValue> e : call.keywords) {
            if (e.getKey().text().equals(key.text())) {
                throw new Outside(); // a keyword given twice
            }
        }
        call.keywords.add(Map.entry(key, value()));
    }

    private RbValue value() throws ConfigException {
        if (++nesting > MAX_NESTING) {
            throw new Outside();
        }
        try {
            return atom();
        } finally {
            nesting--;
        }
    }

    private RbValue atom() throws ConfigException {
        Token t = take();
        switch (t.type()) {
            case STRING:
                return new RbLiteral(Kind.STRING, t.text());
            case SYMBOL:
                return new RbLiteral(Kind.SYMBOL, t.text());
            case NUMBER:
                return number(t.text(), false);
            case CONSTANT:
                Long constant = CONSTANTS.get(t.text());
                if (constant == null) {
                    throw new Outside();
                }
                return new RbLiteral(Kind.INTEGER, constant);
            case NAME:
                return named(t);
            case OP:
                break;
            default:
                throw new Outside();
        }
        switch (t.text()) {
            case "-":
                if (peek().type() != Type.NUMBER || peek().spaced()) {
                    throw new Outside();
                }
                return number(take().text(), true);
            case "[":
                return array();
            case "{":
                return hash();
            default:
                throw new Outside();
        }
    }

    private static RbValue number(String text, boolean negative) {
        String signed = negative ? "-" + text : text;
        if (text.chars().allMatch(Character::isDigit)) {
            return new RbLiteral(Kind.INTEGER, Long.parseLong(signed));
        }
        return new RbLiteral(Kind.FLOAT, Double.parseDouble(signed));
    }

    /** nil, true, false, or a call of a DSL action method, with parentheses. */
    private RbValue named(Token t) throws ConfigException {
        switch (t.text()) {
            case "nil":
                return RbLiteral.NIL;
            case "true":
                return new RbLiteral(Kind.BOOL, true);
            case "false":
                return new RbLiteral(Kind.BOOL, false);
            default:
                break;
        }
        if (!ACTIONS.contains(t.text()) || !peek().is("(") || peek().spaced()) {
            throw new Outside();
        }
        Call call = parenthesised();
        ActionSpec spec =
                switch (t.text()) {
                    case "exec" -> {
                        if (!call.keywords.isEmpty()) {
                            throw new Outside(); // exec takes no keywords: Ruby passes them as a Hash
                        }
                        yield RubyActionConstructors.exec(call.args);
                    }
                    case "webhook" -> RubyActionConstructors.webhook(call.args, call.keywords);
                    case "java_action" -> RubyActionConstructors.javaAction(call.args, call.keywords);
                    default -> RubyActionConstructors.generic(call.args, call.keywords);
                };
        return new RbLiteral(Kind.SPEC, spec);
    }

    private RbValue array() throws ConfigException {
        List<RbValue> items = new ArrayList<>();
        each("]", () -> items.add(value()));
        return new RbLiteral(Kind.ARRAY, items);
    }

    /** {@code {'A' => 'b', c: 1}}: String or Symbol keys, each once; in the order written. */
    private RbValue hash() throws ConfigException {
        List<Map.Entry<RbValue, RbValue>> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        each("}", () -> {
            RbValue key;
            if (peek().type() == Type.LABEL) {
                key = new RbLiteral(Kind.SYMBOL, take().text());
            } else {
                key = value();
                expect("=>");
            }
            if (!(key.isString() || key.isSymbol()) || !keys.add((key.isSymbol() ? ":" : "'") + key.text())) {
                throw new Outside();
            }
            entries.add(Map.entry(key, value()));
        });
        return new RbLiteral(Kind.HASH, entries);
    }

    private void skipNewlines() {
        while (peek().type() == Type.NEWLINE) {
            next++;
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.type() != Type.END) {
            next++;
        }
        return t;
    }

    private void expect(String op) {
        if (!take().is(op)) {
            throw new Outside();
        }
    }
}
