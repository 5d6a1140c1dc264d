package io.twitcher.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Parses a JSON array of strings ({@code ["git", "pull"]}), the way text-only config formats spell a list. */
final class JsonList {
    private JsonList() {
    }

    static List<String> parse(String text, Supplier<ConfigException> onError) throws ConfigException {
        String s = text.trim();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            throw onError.get();
        }
        List<String> out = new ArrayList<>();
        int i = skipSpace(s, 1);
        if (s.charAt(i) == ']' && i == s.length() - 1) {
            return out;
        }
        while (true) {
            if (s.charAt(i) != '"') {
                throw onError.get();
            }
            StringBuilder item = new StringBuilder();
            i++;
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char e = s.charAt(++i);
                    switch (e) {
                        case 'n' -> item.append('\n');
                        case 't' -> item.append('\t');
                        case 'r' -> item.append('\r');
                        case 'u' -> {
                            if (i + 4 >= s.length()) {
                                throw onError.get();
                            }
                            item.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                        default -> item.append(e);
                    }
                } else {
                    item.append(c);
                }
                i++;
            }
            if (i >= s.length()) {
                throw onError.get();
            }
            out.add(item.toString());
            i = skipSpace(s, i + 1);
            if (s.charAt(i) == ']' && i == s.length() - 1) {
                return out;
            }
            if (s.charAt(i) != ',') {
                throw onError.get();
            }
            i = skipSpace(s, i + 1);
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() - 1 && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
