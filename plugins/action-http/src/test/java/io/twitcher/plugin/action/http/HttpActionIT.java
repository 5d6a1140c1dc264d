package io.twitcher.plugin.action.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.Action;
import io.twitcher.api.RunResult;
import io.twitcher.api.testing.FixedRunContext;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpActionIT {
    private final HttpActionType type = new HttpActionType();
    private HookServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = HookServer.http();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Action action(Object... keyValues) throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("url", server.url());
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put((String) keyValues[i], keyValues[i + 1]);
        }
        return type.create(params);
    }

    @Test
    void manyWebhookWatchesShareTheirClientThreads() throws Exception {
        // One HttpClient per watch was a selector thread per webhook watch that ever ran, and a cached pool each.
        for (int i = 0; i < 20; i++) {
            assertTrue(action().run(context("w" + i)).success());
        }
        long selectors = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager"))
                .count();
        assertTrue(selectors <= 2, "HttpClient selector threads after 20 watches ran: " + selectors);
    }

    @Test
    void postsDataWithConfiguredAndTwitcherHeaders() throws Exception {
        Action action = action("headers", Map.of("X-Token", "abc"), "headers.X-Flat", "from-properties");

        RunResult result = action.run(context("abc123").withDescription("déploy 100%"));

        assertEquals(RunResult.ok("HTTP 200"), result);
        assertEquals(1, server.requests().size());
        HookServer.Request r = server.requests().get(0);
        assertEquals("POST", r.method());
        assertEquals("abc123", r.text());
        assertEquals("abc", r.header("X-Token"));
        assertEquals("from-properties", r.header("X-Flat"));
        assertEquals("application/octet-stream", r.header("Content-Type"));
        assertEquals("/git/head", r.header("X-Twitcher-Znode"));
        assertEquals("changed", r.header("X-Twitcher-Event"));
        assertEquals("7", r.header("X-Twitcher-Version"));
        assertEquals("d%C3%A9ploy 100%25", r.header("X-Twitcher-Description"));
        assertNull(r.header("X-Twitcher-Signature"));
    }

    @Test
    void configuredMethodAndContentTypeAreUsedAndBodyIsEmptyWithoutPipeStdin() throws Exception {
        Action action = action("method", "put", "headers", Map.of("Content-Type", "text/plain"));

        assertTrue(action.run(context("secret data").withPipeStdin(false)).success());

        HookServer.Request r = server.requests().get(0);
        assertEquals("PUT", r.method());
        assertEquals(0, r.body().length);
        assertEquals("text/plain", r.header("Content-Type"));
        assertEquals("/git/head", r.header("X-Twitcher-Znode"));
    }

    @Test
    void signatureIsHmacSha256OfTheTimestampAndTheBodySoACapturedRequestCannotBeReplayedLater() throws Exception {
        Action action = action("secret", "s3cret");
        long before = java.time.Instant.now().getEpochSecond();

        action.run(context("{\"rev\": \"abc\"}"));

        HookServer.Request r = server.requests().get(0);
        String timestamp = r.header("X-Twitcher-Timestamp");
        assertNotNull(timestamp, "no X-Twitcher-Timestamp");
        long sent = Long.parseLong(timestamp);
        assertTrue(sent >= before && sent <= java.time.Instant.now().getEpochSecond(), timestamp);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        assertEquals("sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body())), r.header("X-Twitcher-Signature"));
        assertEquals("{\"rev\": \"abc\"}", r.text());
    }

    @Test
    void retryAfterInSecondsIsHonouredBeforeTheNextAttempt() throws Exception {
        server.answering(n -> n == 1
                ? new HookServer.Reply(503, "busy", Map.of("Retry-After", "2"))
                : new HookServer.Reply(200, "fine"));
        Action action = action("retries", 3L, "backoff", 0.01);

        assertEquals(RunResult.ok("HTTP 200"), action.run(context("x")));

        long waited =
                server.requests().get(1).nanos() - server.requests().get(0).nanos();
        assertTrue(waited >= java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1900), "waited only " + waited + " ns");
    }

    @Test
    void tooManyRequestsWithAnHttpDateRetryAfterIsRetriedAfterThatDate() throws Exception {
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(3));
        server.answering(n -> n == 1
                ? new HookServer.Reply(429, "slow down", Map.of("Retry-After", date))
                : new HookServer.Reply(200, "fine"));
        Action action = action("retries", 1L, "backoff", 0.01);

        assertEquals(RunResult.ok("HTTP 200"), action.run(context("x")));

        long waited =
                server.requests().get(1).nanos() - server.requests().get(0).nanos();
        assertTrue(waited >= java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1000), "waited only " + waited + " ns");
    }

    @Test
    void serverErrorThenSuccessIsRetriedAndSucceeds() throws Exception {
        server.answering(n -> n == 1 ? new HookServer.Reply(500, "boom") : new HookServer.Reply(200, "fine"));
        Action action = action("retries", 3L, "backoff", 0.01);

        assertEquals(RunResult.ok("HTTP 200"), action.run(context("x")));
        assertEquals(2, server.received());
    }

    @Test
    void persistentServerErrorFailsAfterAllRetriesWithStatusAndBodyExcerpt() throws Exception {
        server.answering(n -> new HookServer.Reply(503, "overloaded\n" + "x".repeat(300)));
        Action action = action("retries", "2", "backoff", "0.01");

        RunResult result = action.run(context("x"));

        assertFalse(result.success());
        assertEquals("HTTP 503: overloaded " + "x".repeat(189) + "... (after 3 attempts)", result.detail());
        assertEquals(3, server.received());
    }

    @Test
    void clientErrorIsNotRetried() throws Exception {
        server.answering(n -> new HookServer.Reply(404, "no such hook"));
        Action action = action("backoff", 0.01);

        assertEquals(RunResult.failed("HTTP 404: no such hook"), action.run(context("x")));
        assertEquals(1, server.received());
    }

    @Test
    void slowResponseFailsWhenItsTimeoutExpires() throws Exception {
        server.answering(n -> {
            server.hold();
            return new HookServer.Reply(200, "too late");
        });
        Action action = action("timeout", 0.5, "retries", 0L);

        long start = System.nanoTime();
        RunResult result = action.run(context("x"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(RunResult.failed("no response within 0.5 s"), result);
        assertTrue(took.compareTo(Duration.ofMillis(450)) >= 0, "gave up after " + took);
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
    }

    @Test
    void refusedConnectionIsRetriedThenFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Action action =
                type.create(Map.of("url", "http://127.0.0.1:" + closedPort + "/hook", "retries", 2L, "backoff", 0.01));

        RunResult result = action.run(context("x"));

        assertEquals(RunResult.failed("connection to 127.0.0.1 refused (after 3 attempts)"), result);
    }

    @Test
    void interruptStopsARunWaitingToRetry() throws Exception {
        server.answering(n -> new HookServer.Reply(500, "down"));
        Action action = action("retries", 3L, "backoff", 30L);
        RunThread run = new RunThread(action);

        await().atMost(Duration.ofSeconds(10)).until(() -> run.isWaitingIn("sleep"));
        run.interruptAndJoin();

        assertInstanceOf(InterruptedException.class, run.outcome.getNow(null));
        assertEquals(1, server.received());
    }

    @Test
    void interruptStopsARunBlockedOnASlowServer() throws Exception {
        server.answering(n -> {
            server.hold();
            return new HookServer.Reply(200, "too late");
        });
        Action action = action("timeout", 60L);
        RunThread run = new RunThread(action);

        await().atMost(Duration.ofSeconds(10)).until(() -> server.received() == 1);
        run.interruptAndJoin();

        assertInstanceOf(InterruptedException.class, run.outcome.getNow(null));
    }

    /** Runs an action on its own thread, as the daemon's worker would, and keeps what it returned or threw. */
    private static final class RunThread {
        final CompletableFuture<Object> outcome = new CompletableFuture<>();
        private final Thread thread;

        RunThread(Action action) {
            thread = new Thread(
                    () -> {
                        try {
                            outcome.complete(action.run(context("x")));
                        } catch (Throwable t) {
                            outcome.complete(t);
                        }
                    },
                    "twitcher-watch-test");
            thread.start();
        }

        boolean isWaitingIn(String method) {
            return Arrays.stream(thread.getStackTrace())
                    .anyMatch(f -> f.getClassName().equals("java.lang.Thread")
                            && f.getMethodName().equals(method));
        }

        /** Interrupts the run and checks that it ends within two seconds. */
        void interruptAndJoin() throws Exception {
            long start = System.nanoTime();
            thread.interrupt();
            outcome.get(2, TimeUnit.SECONDS);
            thread.join(TimeUnit.SECONDS.toMillis(2));
            assertFalse(thread.isAlive());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
        }
    }

    /** The run context of these tests: {@code data} for /git/head, watch "deploy", version 7. */
    private static FixedRunContext context(String data) {
        return FixedRunContext.of(data)
                .withZnode("/git/head")
                .withDescription("deploy")
                .withVersion(7);
    }
}
