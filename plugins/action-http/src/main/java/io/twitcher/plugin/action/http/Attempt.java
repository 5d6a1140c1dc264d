package io.twitcher.plugin.action.http;

/**
 * How one attempt of a webhook ended.
 *
 * @param success   a 2xx response
 * @param retryable whether another attempt may succeed (connection errors, timeouts, 5xx)
 * @param detail    a few words for the run's result: "HTTP 200", "HTTP 503: overloaded", "connection refused"
 */
record Attempt(boolean success, boolean retryable, String detail) {

    static Attempt retry(String detail) {
        return new Attempt(false, true, detail);
    }

    static Attempt fail(String detail) {
        return new Attempt(false, false, detail);
    }

    /** A response: 2xx succeeds, 5xx may be retried, anything else fails (4xx, and 3xx: redirects are not followed). */
    static Attempt of(int status, ResponseExcerpt body) {
        if (status >= 200 && status < 300) {
            return new Attempt(true, false, "HTTP " + status);
        }
        String text = body.text();
        String detail = "HTTP " + status + (text.isEmpty() ? "" : ": " + text);
        return status >= 500 ? retry(detail) : fail(detail);
    }
}
