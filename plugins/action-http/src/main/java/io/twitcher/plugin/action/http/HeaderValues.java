package io.twitcher.plugin.action.http;

import java.nio.charset.StandardCharsets;

/**
 * Makes a string safe as an HTTP header value: printable ASCII stays as it is; every other character, and {@code %}
 * itself, is percent-encoded as UTF-8 bytes (a description {@code "déploy 100%"} is sent as
 * {@code "d%C3%A9ploy 100%25"}), so that a receiver can decode it unambiguously.
 */
final class HeaderValues {
    private HeaderValues() {}

    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '%') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
