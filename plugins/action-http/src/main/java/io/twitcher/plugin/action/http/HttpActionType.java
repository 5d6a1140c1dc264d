package io.twitcher.plugin.action.http;

import io.twitcher.api.Action;
import io.twitcher.api.ActionType;
import io.twitcher.api.ConfigException;
import io.twitcher.api.Params;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.pf4j.Extension;

/**
 * The {@code http} action type: a webhook. Parameters (all checked here, at load time): {@code url} (required),
 * {@code method} (POST), {@code headers} (a map, or flat {@code headers.NAME} keys), {@code timeout} (10 s per
 * attempt), {@code retries} (3) and {@code backoff} (0.5 s, doubling), {@code secret} (signs the body),
 * {@code truststore} and {@code truststore_password} (TLS trust for https URLs). See docs/plugins.md.
 */
@Extension
public final class HttpActionType implements ActionType {
    static final double DEFAULT_TIMEOUT = 10;
    static final double MAX_TIMEOUT = 3600;
    static final long DEFAULT_RETRIES = 3;
    static final long MAX_RETRIES = 10;
    static final double DEFAULT_BACKOFF = 0.5;

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Action create(Map<String, Object> params) throws ConfigException {
        return new HttpAction(settings(params));
    }

    /** The parameters, checked. */
    static HttpSettings settings(Map<String, Object> params) throws ConfigException {
        Params p = Params.of("http", params);
        URI uri = url(p);
        String method = method(p, uri);
        Map<String, String> headers = headers(p, uri);
        Duration timeout = seconds(p, "timeout", DEFAULT_TIMEOUT, false, MAX_TIMEOUT);
        long retries = p.integer("retries", DEFAULT_RETRIES);
        if (retries < 0 || retries > MAX_RETRIES) {
            throw p.error("retries must be a whole number from 0 to " + MAX_RETRIES + ", not " + retries);
        }
        Duration backoff = seconds(p, "backoff", DEFAULT_BACKOFF, true,
                HttpSettings.MAX_BACKOFF.toSeconds());
        String secret = p.string("secret", null);
        if (secret != null && secret.isEmpty()) {
            throw p.error("secret must not be empty");
        }
        String truststore = p.string("truststore", null);
        String password = p.string("truststore_password", null);
        p.rejectUnknown();
        SSLContext ssl = null;
        if (truststore != null) {
            if (!uri.getScheme().equals("https")) {
                throw p.error("truststore applies only to https:// URLs, and url is " + uri.getScheme() + "://");
            }
            ssl = TrustStores.sslContext(p, truststore, password);
        } else if (password != null) {
            throw p.error("truststore_password is given without a truststore");
        }
        return new HttpSettings(uri, method, headers, timeout, ssl,
                secret == null ? null : secret.getBytes(StandardCharsets.UTF_8), (int) retries, backoff);
    }

    private static URI url(Params p) throws ConfigException {
        String raw = p.string("url").trim();
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw p.error("url is not a valid URL: '" + raw + "' (" + e.getReason() + " at index " + e.getIndex()
                    + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw p.error("url must start with http:// or https://, not '" + raw + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw p.error("url must name a host: '" + raw + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw p.error("url must not contain a user name or password; send credentials in headers instead");
        }
        if (uri.getRawFragment() != null) {
            throw p.error("url must not contain a fragment ('#...'): '" + raw + "'");
        }
        try {
            uri = new URI(scheme + raw.substring(uri.getScheme().length()));
            HttpRequest.newBuilder(uri);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw p.error("url is not usable: '" + raw + "' (" + e.getMessage() + ")");
        }
        return uri;
    }

    private static String method(Params p, URI uri) throws ConfigException {
        String method = p.string("method", "POST").trim().toUpperCase(Locale.ROOT);
        if (!TOKEN.matcher(method).matches()) {
            throw p.error("method must be an HTTP method such as POST or PUT, not '" + method + "'");
        }
        try {
            HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
        } catch (IllegalArgumentException e) {
            throw p.error("method " + method + " cannot be used for a webhook");
        }
        return method;
    }

    private static Map<String, String> headers(Params p, URI uri) throws ConfigException {
        Map<String, String> given = p.stringMap("headers");
        Map<String, String> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, String> out = new LinkedHashMap<>();
        HttpRequest.Builder probe = HttpRequest.newBuilder(uri);
        for (Map.Entry<String, String> e : given.entrySet()) {
            String name = e.getKey().trim();
            String value = e.getValue();
            if (!TOKEN.matcher(name).matches()) {
                throw p.error("header name '" + name + "' is not a valid HTTP header name");
            }
            if (name.regionMatches(true, 0, "X-Twitcher-", 0, "X-Twitcher-".length())) {
                throw p.error("headers must not set " + name + ": the action sets the X-Twitcher-* headers itself");
            }
            if (seen.put(name, name) != null) {
                throw p.error("header " + name + " is given twice");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw p.error("header " + name + " must not contain a line break");
            }
            try {
                probe.header(name, value);
            } catch (IllegalArgumentException ex) {
                throw p.error("header " + name + " cannot be set by a webhook (" + ex.getMessage() + ")");
            }
            out.put(name, value);
        }
        if (!seen.containsKey("Content-Type")) {
            out.put("Content-Type", "application/octet-stream");
        }
        if (!seen.containsKey("User-Agent")) {
            out.put("User-Agent", "Twitcher");
        }
        return out;
    }

    private static Duration seconds(Params p, String name, double fallback, boolean zeroAllowed, double max)
            throws ConfigException {
        double value = p.number(name, fallback);
        boolean low = zeroAllowed ? value < 0 : value <= 0;
        if (Double.isNaN(value) || low || value > max) {
            throw p.error(name + " must be a number of seconds " + (zeroAllowed ? "from 0" : "greater than 0")
                    + (zeroAllowed ? " to " : " and at most ") + format(max) + ", not " + format(value));
        }
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    static String format(double seconds) {
        return seconds == Math.rint(seconds) && !Double.isInfinite(seconds) ? String.valueOf((long) seconds)
                : String.valueOf(seconds);
    }
}
