package io.twitcher.plugin.config.jruby;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ruby's tokens for the part of the language {@link LiteralRb} reads: names, constants, labels ({@code znode:}),
 * symbols ({@code :queue}), decimal numbers, single- and double-quoted strings without interpolation or escapes that
 * need code point arithmetic, brackets, {@code , => -}, comments and line ends. Anything else (a non-ASCII or control
 * byte, {@code \\} joining lines, another operator, an octal, hex or rational literal, a method name ending in {@code
 * ?} or {@code !}) is {@link Outside}: JRuby reads that file. Not thread-safe; one per file.
 */
final class RbLexer {
    /** A magic comment naming the file's encoding, on one of its first two lines. */
    private static final Pattern CODING = Pattern.compile("^#.*?coding[:=][ \\t]*([-_.a-zA-Z0-9]+)");
    /** Encodings that read an ASCII file as ASCII. */
    private static final Set<String> ASCII_COMPATIBLE =
            Set.of("utf-8", "utf8", "ascii", "us-ascii", "ascii-8bit", "binary", "latin-1", "latin1", "iso-8859-1");

    enum Type {
        NAME,
        CONSTANT,
        LABEL,
        SYMBOL,
        STRING,
        NUMBER,
        OP,
        NEWLINE,
        END
    }

    /**
     * A token; {@code text} is a name, a label's or symbol's name, a string's value, a number as written, or an
     * operator. {@code spaced}: whitespace came right before it.
     */
    record Token(Type type, String text, int line, boolean spaced) {
        boolean is(String op) {
            return type == Type.OP && text.equals(op);
        }
    }

    /** The file is not within what this lexer reads. */
    static final class Outside extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Outside() {
            super(null, null, false, false);
        }
    }

    private final String s;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private boolean spaced;

    private RbLexer(String s) {
        this.s = s;
    }

    /** The file's tokens, ending with {@link Type#END}; throws {@link Outside} for anything beyond them. */
    static List<Token> tokens(byte[] source) {
        for (byte b : source) {
            if (b < 0 || b < 0x20 && b != '\n' && b != '\t') {
                throw new Outside();
            }
        }
        String text = new String(source, StandardCharsets.US_ASCII);
        String[] firstLines = text.split("\n", 3);
        for (int i = 0; i < Math.min(2, firstLines.length); i++) {
            Matcher m = CODING.matcher(firstLines[i]);
            if (m.find() && !ASCII_COMPATIBLE.contains(m.group(1).toLowerCase().replace('_', '-'))) {
                throw new Outside();
            }
        }
        RbLexer lexer = new RbLexer(text);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t') {
                pos++;
                spaced = true;
                continue;
            }
            if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\n') {
                add(Type.NEWLINE, "\n", line);
                pos++;
                line++;
            } else if (Character.isLetter(c) || c == '_') {
                word();
            } else if (Character.isDigit(c)) {
                number();
            } else if (c == ':') {
                symbol();
            } else if (c == '\'' || c == '"') {
                string(c);
            } else if (s.startsWith("=>", pos)) {
                add(Type.OP, "=>", line);
                pos += 2;
            } else if ("()[]{},-".indexOf(c) >= 0) {
                add(Type.OP, String.valueOf(c), line);
                pos++;
            } else {
                throw new Outside();
            }
            spaced = false;
        }
        add(Type.NEWLINE, "\n", line);
        add(Type.END, "", line);
    }

    private void add(Type type, String text, int at) {
        tokens.add(new Token(type, text, at, spaced));
    }

    private String identifier() {
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            pos++;
        }
        if (pos < s.length() && (s.charAt(pos) == '?' || s.charAt(pos) == '!')) {
            throw new Outside(); // nil?, exec!: methods, or a ternary
        }
        return s.substring(start, pos);
    }

    private void word() {
        String name = identifier();
        if (pos < s.length() && s.charAt(pos) == ':' && !s.startsWith("::", pos)) {
            pos++;
            add(Type.LABEL, name, line);
        } else {
            add(Character.isUpperCase(name.charAt(0)) ? Type.CONSTANT : Type.NAME, name, line);
        }
    }

    private void symbol() {
        pos++;
        if (pos >= s.length() || !(Character.isLetter(s.charAt(pos)) || s.charAt(pos) == '_')) {
            throw new Outside(); // ::, :"quoted", a ternary's colon
        }
        String name = identifier();
        if (pos < s.length() && s.charAt(pos) == '=' && !s.startsWith("=>", pos)) {
            throw new Outside(); // :name= (a setter's name)
        }
        add(Type.SYMBOL, name, line);
    }

    private void number() {
        int start = pos;
        digits();
        if (pos + 1 < s.length() && s.charAt(pos) == '.' && Character.isDigit(s.charAt(pos + 1))) {
            pos++;
            digits();
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            if (digits() == 0) {
                throw new Outside();
            }
        }
        if (pos < s.length()
                && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.')) {
            throw new Outside(); // 1_000, 0x1f, 3r, 5.minutes
        }
        String text = s.substring(start, pos);
        boolean integer = text.chars().allMatch(Character::isDigit);
        if (text.length() > 1 && text.charAt(0) == '0' && Character.isDigit(text.charAt(1))
                || integer && text.length() > 18) {
            throw new Outside(); // an octal literal, or beyond a Java long
        }
        add(Type.NUMBER, text, line);
    }

    private int digits() {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        return pos - start;
    }

    private void string(char quote) {
        int startLine = line;
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new Outside();
            }
            char c = s.charAt(pos++);
            if (c == quote) {
                break;
            }
            if (c == '\n') {
                line++;
            }
            if (quote == '"' && c == '#' && pos < s.length() && "{@$".indexOf(s.charAt(pos)) >= 0) {
                throw new Outside(); // interpolation
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (pos >= s.length()) {
                throw new Outside();
            }
            char e = s.charAt(pos++);
            if (quote == '\'') {
                if (e != '\\' && e != '\'') {
                    value.append('\\');
                }
                if (e == '\n') {
                    line++;
                }
                value.append(e);
            } else {
                value.append(escape(e));
            }
        }
        add(Type.STRING, value.toString(), startLine);
    }

    private static char escape(char e) {
        return switch (e) {
            case '\\', '"', '\'' -> e;
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 's' -> ' ';
            case 'e' -> '\u001b';
            case 'a' -> '\u0007';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'v' -> '\u000b';
            default -> throw new Outside(); // \x41, \u00e9, \101, \M-a, a line joined, \d (which Ruby reads as d)
        };
    }
}
