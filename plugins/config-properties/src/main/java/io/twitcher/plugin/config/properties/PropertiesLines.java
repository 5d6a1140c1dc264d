package io.twitcher.plugin.config.properties;

import io.twitcher.api.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits .properties text into entries that remember their line, with the JDK's syntax: {@code #} and {@code !}
 * comments, {@code =}, {@code :} or white space between key and value, a trailing backslash continuing the line, and
 * the usual backslash escapes (tab, newline, u followed by four hex digits). {@link java.util.Properties} does the same
 * but forgets the lines.
 */
final class PropertiesLines {

    /** One key and value, and the line the key stands on. */
    record Entry(String key, String value, int line) {
    }

    private PropertiesLines() {
    }

    /** The entries of {@code text}; a malformed unicode escape is a {@link ConfigException} at its line of {@code file}. */
    static List<Entry> parse(String file, String text) throws ConfigException {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripLeading(lines[i]);
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '!') {
                continue;
            }
            int start = i;
            StringBuilder logical = new StringBuilder();
            while (endsWithContinuation(line) && i + 1 < lines.length) {
                logical.append(line, 0, line.length() - 1);
                line = stripLeading(lines[++i]);
            }
            logical.append(endsWithContinuation(line) ? line.substring(0, line.length() - 1) : line);
            try {
                entries.add(split(logical.toString(), start + 1));
            } catch (IllegalArgumentException e) {
                throw ConfigException.at(file, start + 1, e.getMessage());
            }
        }
        return entries;
    }

    private static Entry split(String logical, int line) {
        int i = 0;
        StringBuilder key = new StringBuilder();
        while (i < logical.length()) {
            char c = logical.charAt(i);
            if (c == '\\' && i + 1 < logical.length()) {
                i = unescape(logical, i, key);
                continue;
            }
            if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                break;
            }
            key.append(c);
            i++;
        }
        while (i < logical.length() && Character.isWhitespace(logical.charAt(i))) {
            i++;
        }
        if (i < logical.length() && (logical.charAt(i) == '=' || logical.charAt(i) == ':')) {
            i++;
        }
        while (i < logical.length() && Character.isWhitespace(logical.charAt(i))) {
            i++;
        }
        StringBuilder value = new StringBuilder();
        while (i < logical.length()) {
            if (logical.charAt(i) == '\\' && i + 1 < logical.length()) {
                i = unescape(logical, i, value);
            } else {
                value.append(logical.charAt(i++));
            }
        }
        return new Entry(key.toString(), value.toString(), line);
    }

    private static int unescape(String s, int backslash, StringBuilder out) {
        char e = s.charAt(backslash + 1);
        switch (e) {
            case 't' -> out.append('\t');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 'f' -> out.append('\f');
            case 'u' -> {
                if (backslash + 6 <= s.length() && s.substring(backslash + 2, backslash + 6).matches("[0-9a-fA-F]{4}")) {
                    out.append((char) Integer.parseInt(s.substring(backslash + 2, backslash + 6), 16));
                    return backslash + 6;
                }
                // java.util.Properties rejects it too
                throw new IllegalArgumentException("malformed \\uXXXX escape: \\u must be followed by four hex digits");
            }
            default -> out.append(e);
        }
        return backslash + 2;
    }

    private static boolean endsWithContinuation(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\f')) {
            i++;
        }
        return s.substring(i);
    }
}
