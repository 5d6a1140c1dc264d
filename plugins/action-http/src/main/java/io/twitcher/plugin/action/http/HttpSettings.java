package io.twitcher.plugin.action.http;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * An {@code http} action's validated parameters.
 *
 * @param uri      where to send the request
 * @param method   the request method, upper case
 * @param headers  the configured headers, in order (Content-Type and User-Agent defaults already added)
 * @param timeout  the limit of one attempt: connecting, sending, and receiving the whole response
 * @param ssl      the TLS context built from the configured trust store, or {@code null} for the JDK's default
 * @param secret   the HMAC-SHA256 key for {@code X-Twitcher-Signature}, or {@code null} for no signature
 * @param retries  how many times a failed attempt is repeated (connection errors, timeouts, 5xx)
 * @param backoff  the wait before the first repetition; it doubles after each, up to {@link #MAX_BACKOFF}
 */
record HttpSettings(URI uri, String method, Map<String, String> headers, Duration timeout, SSLContext ssl,
                    byte[] secret, int retries, Duration backoff) {

    /** The longest wait between two attempts. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    HttpSettings {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The wait before attempt {@code attempt + 1}, for {@code attempt >= 1}. */
    Duration backoffAfter(int attempt) {
        Duration wait = backoff;
        for (int i = 1; i < attempt && wait.compareTo(MAX_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    /** The URL without its query and fragment, which may carry tokens: what messages show. */
    String safeUrl() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    }
}
