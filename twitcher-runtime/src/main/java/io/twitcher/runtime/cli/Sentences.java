package io.twitcher.runtime.cli;

/** Turns a message into the one line the CLI prints: {@code twitcher: <sentence>.} */
final class Sentences {
    static final String PREFIX = "twitcher: ";

    private Sentences() {}

    /** {@code message} as one sentence: first line only, lower-case start (unless a name), a final period. */
    static String line(String message) {
        String text = message == null || message.isBlank() ? "unknown error" : message.strip();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline).strip();
        }
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            text = Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        if (text.endsWith(":")) {
            text = text.substring(0, text.length() - 1);
        }
        if (!text.endsWith(".") && !text.endsWith("?") && !text.endsWith("!")) {
            text = text + ".";
        }
        return PREFIX + text;
    }
}
