package io.twitcher.runtime.process;

/**
 * Action output as it may enter a log: control characters (C0 but tab, DEL, C1, and the Unicode line and paragraph
 * separators) become "backslash x NN" or "backslash u NNNN", so an action cannot forge log lines, move a terminal's
 * cursor or hide text from someone reading the log.
 */
final class LogText {
    private LogText() {}

    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c <= 0xff) {
                    out.append(String.format("\\x%02x", (int) c));
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
