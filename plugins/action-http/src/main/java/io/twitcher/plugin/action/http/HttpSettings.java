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
record HttpSettings(
        URI uri,
        String method,
        Map<String, String> headers,
        Duration timeout,
        SSLContext ssl,
        byte[] secret,
        int retries,
        Duration backoff) {

    /** The longest wait between two attempts. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** The longest {@code Retry-After} honoured: a server asking for more gets this. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

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

    /**
     * The wait before attempt {@code attempt + 1}: the doubling backoff with "equal jitter" (from half of it to all of
     * it, so that machines failing together do not retry together), or the server's {@code Retry-After} when that is
     * longer (at most {@link #MAX_RETRY_AFTER}).
     *
     * @param random     a number in [0, 1)
     * @param retryAfter what the server asked for, or {@code null}
     */
    Duration waitBefore(int attempt, double random, Duration retryAfter) {
        long full = backoffAfter(attempt).toNanos();
        Duration jittered = Duration.ofNanos(full / 2 + (long) (full / 2 * Math.min(1.0, Math.max(0.0, random))));
        if (retryAfter == null || retryAfter.compareTo(jittered) <= 0) {
            return jittered;
        }
        return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
    }

    /** Where the request goes, without query, headers or secret: they may carry credentials. */
    @Override
    public String toString() {
        return "HttpSettings[" + method + " " + safeUrl() + ", headers=" + headers.keySet() + ", timeout=" + timeout
                + ", signed=" + (secret != null) + ", retries=" + retries + ", backoff=" + backoff + "]";
    }

    /** The URL without its query and fragment, which may carry tokens: what messages show. */
    String safeUrl() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    }
}
