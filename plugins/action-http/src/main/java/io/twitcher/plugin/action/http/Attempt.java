package io.twitcher.plugin.action.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How one attempt of a webhook ended.
 *
 * @param success   a 2xx response
 * @param retryable whether another attempt may succeed (connection errors, timeouts, 5xx)
 * @param detail    a few words for the run's result: "HTTP 200", "HTTP 503: overloaded", "connection refused"
 * @param retryAfter the server's {@code Retry-After}, or {@code null}
 */
record Attempt(boolean success, boolean retryable, String detail, Duration retryAfter) {

    static Attempt retry(String detail) {
        return new Attempt(false, true, detail, null);
    }

    static Attempt fail(String detail) {
        return new Attempt(false, false, detail, null);
    }

    /**
     * A response: 2xx succeeds, 5xx and 429 may be retried (after the {@code Retry-After} they carry, if any),
     * anything else fails (4xx, and 3xx: redirects are not followed).
     */
    static Attempt of(int status, ResponseExcerpt body, Optional<String> retryAfter) {
        if (status >= 200 && status < 300) {
            return new Attempt(true, false, "HTTP " + status, null);
        }
        String text = body.text();
        String detail = "HTTP " + status + (text.isEmpty() ? "" : ": " + text);
        if (status >= 500 || status == 429) {
            return new Attempt(
                    false,
                    true,
                    detail,
                    retryAfter.map(Attempt::parseRetryAfter).orElse(null));
        }
        return fail(detail);
    }

    /** {@code Retry-After}: delta-seconds or an HTTP-date; {@code null} when it is neither. */
    static Duration parseRetryAfter(String value) {
        String v = value.strip();
        try {
            if (v.matches("[0-9]{1,9}")) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            Duration until = Duration.between(
                    Instant.now(),
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
