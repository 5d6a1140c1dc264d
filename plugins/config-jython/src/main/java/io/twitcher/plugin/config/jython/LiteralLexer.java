package io.twitcher.plugin.config.jython;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python 2.7's tokens for the part of the language {@link LiteralTwc} reads: names, decimal numbers, string literals
 * (any quotes, the prefixes {@code u r b ur br}, the escapes that need no code point arithmetic), brackets, {@code
 * , : = . -}, comments, and lines joined inside brackets. Anything else (a non-ASCII or control byte, an indented
 * statement, a backslash joining lines, an octal, hex or long literal, another operator) is {@link Outside}: Jython
 * reads that file. Not thread-safe; one per file.
 */
final class LiteralLexer {
    /** Python's encoding declaration, on one of the first two lines (PEP 263). */
    private static final Pattern CODING = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-_.a-zA-Z0-9]+)");
    /** Declared encodings that read an ASCII file as ASCII. */
    private static final Set<String> ASCII_COMPATIBLE =
            Set.of("utf-8", "utf8", "ascii", "us-ascii", "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1");

    enum Type {
        NAME,
        NUMBER,
        STRING,
        UNICODE,
        OP,
        NEWLINE,
        END
    }

    /** A token; {@code text} is a name, a number as written, a string's value, or an operator. */
    record Token(Type type, String text, int line) {
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
    private int depth;

    private LiteralLexer(String s) {
        this.s = s;
    }

    /** The file's tokens, ending with {@link Type#END}; throws {@link Outside} for anything beyond them. */
    static List<Token> tokens(byte[] source) {
        for (byte b : source) {
            if (b < 0 || b < 0x20 && b != '\n' && b != '\t' && b != '\f') {
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
        LiteralLexer lexer = new LiteralLexer(text);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        boolean lineStart = true;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (lineStart && depth == 0) {
                lineStart = false;
                int indent = pos;
                while (pos < s.length() && " \t\f".indexOf(s.charAt(pos)) >= 0) {
                    pos++;
                }
                if (pos > indent && pos < s.length() && s.charAt(pos) != '#' && s.charAt(pos) != '\n') {
                    throw new Outside(); // an indented statement: IndentationError, or a block's body
                }
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\n') {
                if (depth == 0 && !tokens.isEmpty() && last().type() != Type.NEWLINE) {
                    tokens.add(new Token(Type.NEWLINE, "\n", line));
                }
                pos++;
                line++;
                lineStart = depth == 0;
            } else if (Character.isLetter(c) || c == '_') {
                nameOrString();
            } else if (Character.isDigit(c)
                    || c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
                number();
            } else if (c == '\'' || c == '"') {
                string("");
            } else if ("()[]{},:=.-".indexOf(c) >= 0) {
                if ("([{".indexOf(c) >= 0) {
                    depth++;
                } else if (")]}".indexOf(c) >= 0 && --depth < 0) {
                    throw new Outside();
                }
                tokens.add(new Token(Type.OP, String.valueOf(c), line));
                pos++;
            } else {
                throw new Outside();
            }
        }
        if (depth != 0) {
            throw new Outside();
        }
        if (!tokens.isEmpty() && last().type() != Type.NEWLINE) {
            tokens.add(new Token(Type.NEWLINE, "\n", line));
        }
        tokens.add(new Token(Type.END, "", line));
    }

    private Token last() {
        return tokens.get(tokens.size() - 1);
    }

    private void nameOrString() {
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            pos++;
        }
        String name = s.substring(start, pos);
        if (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
            String prefix = name.toLowerCase();
            if (!Set.of("u", "r", "b", "ur", "br").contains(prefix)) {
                throw new Outside();
            }
            string(prefix);
        } else {
            tokens.add(new Token(Type.NAME, name, line));
        }
    }

    private void number() {
        int start = pos;
        digits();
        if (pos < s.length() && s.charAt(pos) == '.') {
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
            throw new Outside(); // 10L, 1j, 0x1f, 1.2.3
        }
        String text = s.substring(start, pos);
        boolean integer = text.chars().allMatch(Character::isDigit);
        if (integer && (text.length() > 1 && text.charAt(0) == '0' || text.length() > 18)) {
            throw new Outside(); // an octal literal, or beyond a Java long
        }
        tokens.add(new Token(Type.NUMBER, text, line));
    }

    private int digits() {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        return pos - start;
    }

    private void string(String prefix) {
        boolean raw = prefix.contains("r");
        boolean unicode = prefix.contains("u");
        char quote = s.charAt(pos);
        boolean triple = s.startsWith(String.valueOf(quote).repeat(3), pos);
        int startLine = line;
        pos += triple ? 3 : 1;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new Outside();
            }
            char c = s.charAt(pos);
            if (c == quote && (!triple || s.startsWith(String.valueOf(quote).repeat(3), pos))) {
                pos += triple ? 3 : 1;
                break;
            }
            if (c == '\n') {
                if (!triple) {
                    throw new Outside();
                }
                line++;
            }
            if (c != '\\') {
                value.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= s.length()) {
                throw new Outside();
            }
            char e = s.charAt(pos + 1);
            pos += 2;
            if (e == '\n') {
                line++;
            }
            if (raw) {
                if (unicode && (e == 'u' || e == 'U')) {
                    throw new Outside();
                }
                value.append('\\').append(e);
            } else {
                escape(value, e, unicode);
            }
        }
        tokens.add(new Token(unicode ? Type.UNICODE : Type.STRING, value.toString(), startLine));
    }

    private static void escape(StringBuilder value, char e, boolean unicode) {
        switch (e) {
            case '\n' -> {}
            case '\\', '\'', '"' -> value.append(e);
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'v' -> value.append('\u000b');
            case '0', '1', '2', '3', '4', '5', '6', '7', 'x' -> throw new Outside();
            case 'u', 'U', 'N' -> {
                if (unicode) {
                    throw new Outside();
                }
                value.append('\\').append(e);
            }
            default -> value.append('\\').append(e);
        }
    }
}
