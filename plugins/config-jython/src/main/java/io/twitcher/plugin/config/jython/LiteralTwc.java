package io.twitcher.plugin.config.jython;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.WatchDefinition;
import io.twitcher.plugin.config.jython.LiteralLexer.Outside;
import io.twitcher.plugin.config.jython.LiteralLexer.Token;
import io.twitcher.plugin.config.jython.LiteralLexer.Type;
import io.twitcher.plugin.config.jython.LiteralValue.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code .twc} file without Jython when all it does is call RegisterWatch with literal arguments: strings,
 * numbers, True, False, None, the predefined constants, lists, tuples, dicts with str keys, {@code Exec(...)} and its
 * siblings, and {@code 'sep'.join([...])} of strings (the original's own example). Such a file has no effect but its
 * calls, so reading it here gives the watches Jython would give: the same checks ({@link WatchArguments},
 * {@link ActionArguments}), the same lines, in the same order. Any other file, and any file with an error, is left
 * to Jython, which reports errors in Python's words; so Jython starts only for files that need it, and a daemon whose
 * {@code .twc} files are all literal never starts it (a start in a third of the time, about 30 MiB less memory).
 */
final class LiteralTwc {
    private static final int MAX_NESTING = 50;

    private final ConfigFile file;
    private final List<Token> tokens;
    private final List<WatchDefinition> watches = new ArrayList<>();
    private int next;
    private int nesting;

    private LiteralTwc(ConfigFile file, List<Token> tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    /** The file's watches, or empty when the file is left to Jython (beyond literals, or in error). */
    static Optional<List<WatchDefinition>> load(ConfigFile file) {
        try {
            LiteralTwc reader = new LiteralTwc(file, LiteralLexer.tokens(file.content()));
            reader.statements();
            return Optional.of(List.copyOf(reader.watches));
        } catch (ConfigException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void statements() throws ConfigException {
        while (peek().type() != Type.END) {
            Token t = take();
            if (t.type() == Type.NEWLINE) {
                continue;
            }
            if (t.type() == Type.NAME && t.text().equals("RegisterWatch") && peek().is("(")) {
                registerWatch(t.line());
            } else if (t.type() == Type.STRING || t.type() == Type.UNICODE) {
                next--;
                string(); // a docstring: a statement with no effect
            } else {
                throw new Outside();
            }
            if (peek().type() != Type.NEWLINE && peek().type() != Type.END) {
                throw new Outside();
            }
        }
    }

    /** A RegisterWatch statement; Jython names the statement's first line as the call's. */
    private void registerWatch(int line) throws ConfigException {
        Call call = arguments();
        CallArgs a = CallArgs.bind("RegisterWatch", WatchArguments.PARAMETERS, call.args, call.keywords, false);
        WatchDefinition.Builder b = WatchArguments.watch(a, function -> {
            throw new ConfigException("a function action needs Jython");
        });
        watches.add(b.origin(file.displayName(), line, watches.size() + 1).build());
    }

    private record Call(List<TwcValue> args, List<String> keywords) {}

    /** {@code ( [arg {, arg}] [,] )}: positional arguments, then keyword arguments, each keyword once. */
    private Call arguments() throws ConfigException {
        expect("(");
        List<TwcValue> positional = new ArrayList<>();
        List<TwcValue> named = new ArrayList<>();
        List<String> keywords = new ArrayList<>();
        each(")", () -> {
            if (peek().type() == Type.NAME && peekAt(1).is("=")) {
                String keyword = take().text();
                take();
                if (TwcNames.RESERVED.contains(keyword) || keywords.contains(keyword)) {
                    throw new Outside(); // a SyntaxError in Python
                }
                keywords.add(keyword);
                named.add(expression());
            } else if (keywords.isEmpty()) {
                positional.add(expression());
            } else {
                throw new Outside(); // a positional argument after a keyword one
            }
        });
        positional.addAll(named);
        return new Call(positional, keywords);
    }

    private TwcValue expression() throws ConfigException {
        if (++nesting > MAX_NESTING) {
            throw new Outside();
        }
        try {
            return atom();
        } finally {
            nesting--;
        }
    }

    private TwcValue atom() throws ConfigException {
        Token t = peek();
        switch (t.type()) {
            case STRING, UNICODE:
                return string();
            case NUMBER:
                take();
                return number(t.text(), false);
            case NAME:
                take();
                return named(t);
            case OP:
                break;
            default:
                throw new Outside();
        }
        take();
        switch (t.text()) {
            case "-":
                if (peek().type() != Type.NUMBER) {
                    throw new Outside();
                }
                return number(take().text(), true);
            case "(":
                return parenthesised();
            case "[":
                return new LiteralValue(Kind.LIST, items("]"));
            case "{":
                return dict();
            default:
                throw new Outside();
        }
    }

    /** Adjacent string literals (one string), then perhaps {@code .join(list or tuple of strings)}. */
    private TwcValue string() throws ConfigException {
        StringBuilder text = new StringBuilder();
        boolean unicode = false;
        while (peek().type() == Type.STRING || peek().type() == Type.UNICODE) {
            Token t = take();
            text.append(t.text());
            unicode |= t.type() == Type.UNICODE;
        }
        if (!peek().is(".")) {
            return new LiteralValue(unicode ? Kind.UNICODE : Kind.STR, text.toString());
        }
        take();
        Token method = take();
        if (method.type() != Type.NAME || !method.text().equals("join")) {
            throw new Outside();
        }
        Call call = arguments();
        if (call.args.size() != 1
                || !call.keywords.isEmpty()
                || !call.args.get(0).isSequence()) {
            throw new Outside();
        }
        List<String> parts = new ArrayList<>();
        for (TwcValue item : call.args.get(0).items()) {
            if (!item.isStr()) {
                throw new Outside(); // a TypeError in Python
            }
            unicode |= ((LiteralValue) item).kind() == Kind.UNICODE;
            parts.add(item.str());
        }
        return new LiteralValue(unicode ? Kind.UNICODE : Kind.STR, String.join(text, parts));
    }

    private static TwcValue number(String text, boolean negative) {
        String signed = negative ? "-" + text : text;
        if (text.chars().allMatch(Character::isDigit)) {
            return new LiteralValue(Kind.INT, Long.parseLong(signed));
        }
        return new LiteralValue(Kind.FLOAT, Double.parseDouble(signed));
    }

    /** True, False, None, a predefined constant, or a call of an action function. */
    private TwcValue named(Token t) throws ConfigException {
        switch (t.text()) {
            case "None":
                return LiteralValue.NONE;
            case "True":
                return new LiteralValue(Kind.BOOL, true);
            case "False":
                return new LiteralValue(Kind.BOOL, false);
            default:
                break;
        }
        Object constant = TwcNames.CONSTANTS.get(t.text());
        if (constant != null) {
            return new LiteralValue(constant instanceof Long ? Kind.INT : Kind.STR, constant);
        }
        ActionArguments function = ActionArguments.named(t.text());
        if (function == null || !peek().is("(")) {
            throw new Outside();
        }
        Call call = arguments();
        return new LiteralValue(Kind.SPEC, function.spec(function.bind(call.args, call.keywords)));
    }

    /** {@code ()}, {@code (x)} (x itself), {@code (x,)}, {@code (x, y)}. */
    private TwcValue parenthesised() throws ConfigException {
        if (peek().is(")")) {
            take();
            return new LiteralValue(Kind.TUPLE, List.of());
        }
        TwcValue first = expression();
        if (peek().is(")")) {
            take();
            return first;
        }
        expect(",");
        List<TwcValue> items = new ArrayList<>();
        items.add(first);
        items.addAll(items(")"));
        return new LiteralValue(Kind.TUPLE, items);
    }

    /** Comma-separated expressions up to {@code close} (a trailing comma allowed), which is taken. */
    private List<TwcValue> items(String close) throws ConfigException {
        List<TwcValue> items = new ArrayList<>();
        each(close, () -> items.add(expression()));
        return items;
    }

    private interface Item {
        void read() throws ConfigException;
    }

    /** Comma-separated items up to {@code close} (a trailing comma allowed), which is taken. */
    private void each(String close, Item item) throws ConfigException {
        while (!peek().is(close)) {
            item.read();
            if (!peek().is(close)) {
                expect(",");
            }
        }
        take();
    }

    /** {@code {'key': value, ...}}: str keys only, each once (Python keeps the last of two); in the order written. */
    private TwcValue dict() throws ConfigException {
        List<Map.Entry<TwcValue, TwcValue>> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        each("}", () -> {
            TwcValue key = expression();
            if (!key.isStr() || !keys.add(key.str())) {
                throw new Outside();
            }
            expect(":");
            entries.add(Map.entry(key, expression()));
        });
        return new LiteralValue(Kind.DICT, entries);
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
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
