package io.twitcher.plugin.action.http;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLHandshakeException;

/** Turns the HTTP client's exceptions, which often carry no message, into a few words and a retry decision. */
final class Failures {
    private Failures() {}

    static Attempt describe(Throwable failure, HttpSettings settings) {
        if (find(failure, UnresolvedAddressException.class) != null) {
            return Attempt.retry("unknown host " + settings.uri().getHost());
        }
        Throwable tls = find(failure, SSLHandshakeException.class);
        if (tls != null) {
            // A certificate the trust store does not accept will not be accepted on the next attempt either.
            return Attempt.fail("TLS handshake with " + settings.uri().getHost() + " failed: " + message(tls));
        }
        if (find(failure, HttpConnectTimeoutException.class) != null) {
            return Attempt.retry("could not connect to " + settings.uri().getHost() + " within "
                    + HttpActionType.format(settings.timeout().toNanos() / 1e9) + " s");
        }
        if (find(failure, HttpTimeoutException.class) != null) {
            return Attempt.retry(noResponse(settings));
        }
        Throwable refused = find(failure, ConnectException.class);
        if (refused != null) {
            return Attempt.retry("connection to " + settings.uri().getHost() + " refused");
        }
        if (failure instanceof java.io.IOException) {
            return Attempt.retry("I/O error: " + message(failure));
        }
        return Attempt.fail(message(failure));
    }

    static String noResponse(HttpSettings settings) {
        return "no response within " + HttpActionType.format(settings.timeout().toNanos() / 1e9) + " s";
    }

    private static Throwable find(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }
}
