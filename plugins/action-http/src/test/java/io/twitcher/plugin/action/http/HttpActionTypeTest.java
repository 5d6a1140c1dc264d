package io.twitcher.plugin.action.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.twitcher.api.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpActionTypeTest {
    private static final String URL = "https://hooks.example.com/deploy?token=abc";
    private final HttpActionType type = new HttpActionType();

    private HttpSettings settings(Object... keyValues) throws ConfigException {
        return HttpActionType.settings(params(keyValues));
    }

    private String error(Object... keyValues) {
        return assertThrows(ConfigException.class, () -> type.create(params(keyValues))).getMessage();
    }

    private static Map<String, Object> params(Object... keyValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put((String) keyValues[i], keyValues[i + 1]);
        }
        return params;
    }

    @Test
    void defaultsArePostTenSecondsThreeRetriesHalfSecondBackoff() throws Exception {
        HttpSettings s = settings("url", URL);
        assertEquals("http", type.name());
        assertEquals("POST", s.method());
        assertEquals(Duration.ofSeconds(10), s.timeout());
        assertEquals(3, s.retries());
        assertEquals(Duration.ofMillis(500), s.backoff());
        assertNull(s.secret());
        assertNull(s.ssl());
        assertEquals(Map.of("Content-Type", "application/octet-stream", "User-Agent", "Twitcher"), s.headers());
        assertEquals("https://hooks.example.com/deploy", s.safeUrl());
    }

    @Test
    void stringValuesFromPropertiesFilesAreAccepted() throws Exception {
        HttpSettings s = settings("url", URL, "method", "put", "timeout", "2.5", "retries", "0", "backoff", "1",
                "secret", "k", "headers.X-Token", "abc", "headers.Content-Type", "application/json");
        assertEquals("PUT", s.method());
        assertEquals(Duration.ofMillis(2500), s.timeout());
        assertEquals(0, s.retries());
        assertEquals(Duration.ofSeconds(1), s.backoff());
        assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), s.secret());
        assertEquals(List.of("X-Token", "Content-Type", "User-Agent"), List.copyOf(s.headers().keySet()));
    }

    @Test
    void backoffDoublesUpToTheCap() throws Exception {
        HttpSettings s = settings("url", URL, "backoff", 10L);
        assertEquals(Duration.ofSeconds(10), s.backoffAfter(1));
        assertEquals(Duration.ofSeconds(20), s.backoffAfter(2));
        assertEquals(Duration.ofSeconds(40), s.backoffAfter(3));
        assertEquals(Duration.ofSeconds(60), s.backoffAfter(4));
        assertEquals(Duration.ofSeconds(60), s.backoffAfter(10));
    }

    @Test
    void urlMustBeHttpOrHttpsWithAHost() {
        assertEquals("http: url is required", error());
        assertEquals("http: url must start with http:// or https://, not 'ftp://example.com/x'",
                error("url", "ftp://example.com/x"));
        assertEquals("http: url must start with http:// or https://, not 'example.com/x'",
                error("url", "example.com/x"));
        assertEquals("http: url must name a host: 'http:///x'", error("url", "http:///x"));
        assertEquals("http: url is not a valid URL: 'http://exa mple.com/' (Illegal character in authority at index"
                + " 7)", error("url", "http://exa mple.com/"));
        assertEquals("http: url must not contain a user name or password; send credentials in headers instead",
                error("url", "https://bob:pw@example.com/"));
        assertEquals("http: url must not contain a fragment ('#...'): 'https://example.com/#x'",
                error("url", "https://example.com/#x"));
        assertEquals("http: url must be a string, not [a] (ArrayList)", error("url", new ArrayList<>(List.of("a"))));
    }

    @Test
    void methodMustBeAnHttpToken() {
        assertEquals("http: method must be an HTTP method such as POST or PUT, not 'PO ST'",
                error("url", URL, "method", "po st"));
        assertEquals("http: method CONNECT cannot be used for a webhook", error("url", URL, "method", "connect"));
    }

    @Test
    void headersMustBeValidAndNotReserved() {
        assertEquals("http: header name 'X Token' is not a valid HTTP header name",
                error("url", URL, "headers", Map.of("X Token", "a")));
        assertEquals("http: header X-Token must not contain a line break",
                error("url", URL, "headers.X-Token", "a\r\nInjected: yes"));
        assertEquals("http: headers must not set X-Twitcher-Signature: the action sets the X-Twitcher-* headers"
                + " itself", error("url", URL, "headers", Map.of("X-Twitcher-Signature", "sha256=0")));
        assertEquals("http: header x-token is given twice",
                error("url", URL, "headers", Map.of("X-Token", "a"), "headers.x-token", "b"));
        assertEquals("http: header Host cannot be set by a webhook (restricted header name: \"Host\")",
                error("url", URL, "headers.Host", "evil.example.com"));
        assertEquals("http: headers must be a map of names to values, not 'X-Token: a'",
                error("url", URL, "headers", "X-Token: a"));
    }

    @Test
    void numbersMustBeInRange() {
        assertEquals("http: timeout must be a number of seconds greater than 0 and at most 3600, not 0",
                error("url", URL, "timeout", 0L));
        assertEquals("http: timeout must be a number of seconds greater than 0 and at most 3600, not 3601",
                error("url", URL, "timeout", "3601"));
        assertEquals("http: timeout must be a number, not 'soon'", error("url", URL, "timeout", "soon"));
        assertEquals("http: retries must be a whole number from 0 to 10, not 11", error("url", URL, "retries", 11L));
        assertEquals("http: retries must be a whole number from 0 to 10, not -1", error("url", URL, "retries", "-1"));
        assertEquals("http: retries must be a whole number, not 1.5 (Double)", error("url", URL, "retries", 1.5));
        assertEquals("http: backoff must be a number of seconds from 0 to 60, not -0.5",
                error("url", URL, "backoff", -0.5));
        assertEquals("http: backoff must be a number of seconds from 0 to 60, not NaN",
                error("url", URL, "backoff", "NaN"));
    }

    @Test
    void secretMustNotBeEmptyAndUnknownParametersAreRejected() {
        assertEquals("http: secret must not be empty", error("url", URL, "secret", ""));
        assertEquals("http: unknown parameters header, timout", error("url", URL, "timout", 5L, "header", "x"));
    }

    @Test
    void truststoreMustBeAReadableKeyStoreForAnHttpsUrl(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.jks"), "not a key store");
        assertEquals("http: truststore must be an absolute path, not 'trust.jks'",
                error("url", URL, "truststore", "trust.jks"));
        assertEquals("http: truststore " + dir.resolve("missing.jks") + " is not a readable file",
                error("url", URL, "truststore", dir.resolve("missing.jks").toString()));
        assertEquals("http: truststore " + garbage + " is not a JKS or PKCS12 key store",
                error("url", URL, "truststore", garbage.toString(), "truststore_password", "x"));
        assertEquals("http: truststore applies only to https:// URLs, and url is http://",
                error("url", "http://example.com/", "truststore", garbage.toString()));
        assertEquals("http: truststore_password is given without a truststore",
                error("url", URL, "truststore_password", "x"));
    }
}
