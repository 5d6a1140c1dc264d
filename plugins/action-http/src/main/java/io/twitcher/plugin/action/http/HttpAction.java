package io.twitcher.plugin.action.http;

import io.twitcher.api.Action;
import io.twitcher.api.RunContext;
import io.twitcher.api.RunResult;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured webhook. Each run sends one request, repeated after connection errors, timeouts, 5xx and 429
 * responses with a doubling, jittered wait, or the server's {@code Retry-After} when longer. With a secret, each
 * attempt carries {@code X-Twitcher-Timestamp} and an HMAC-SHA256 signature of {@code "<timestamp>." + body}, so a
 * receiver that rejects old timestamps cannot be fed a captured request again. Every wait is interruptible: an interrupt (the watch's timeout, daemon shutdown) cancels the
 * request in flight and ends the run with {@link InterruptedException}.
 *
 * <p>The HTTP client is built on the first run, not at load time, so that {@code twitcher check} and definitions
 * that never fire start no client threads. Safe for concurrent runs (PARALLEL watches).
 */
final class HttpAction implements Action {
    private static final Logger LOG = LoggerFactory.getLogger(HttpAction.class);
    static final int EXCERPT_BYTES = 200;

    private final HttpSettings settings;
    private volatile HttpClient client;

    HttpAction(HttpSettings settings) {
        this.settings = settings;
    }

    @Override
    public RunResult run(RunContext context) throws Exception {
        byte[] body = context.pipeStdin() ? context.data() : new byte[0];
        int attempts = settings.retries() + 1;
        for (int attempt = 1; ; attempt++) {
            // Built per attempt: each carries its own timestamp, signed with the body.
            Attempt result = send(request(context, body));
            if (result.success()) {
                return RunResult.ok(result.detail());
            }
            if (!result.retryable() || attempt == attempts) {
                return RunResult.failed(result.detail() + (attempt > 1 ? " (after " + attempt + " attempts)" : ""));
            }
            Duration wait =
                    settings.waitBefore(attempt, ThreadLocalRandom.current().nextDouble(), result.retryAfter());
            LOG.warn(
                    "{}: {} {} failed ({}), attempt {} of {}; retrying in {} s",
                    context.description(),
                    settings.method(),
                    settings.safeUrl(),
                    result.detail(),
                    attempt,
                    attempts,
                    HttpActionType.format(wait.toNanos() / 1e9));
            TimeUnit.NANOSECONDS.sleep(wait.toNanos());
        }
    }

    private Attempt send(HttpRequest request) throws InterruptedException {
        CompletableFuture<HttpResponse<ResponseExcerpt>> future =
                client().sendAsync(request, ResponseExcerpt.handler(EXCERPT_BYTES));
        try {
            // The request's own timeout covers the response headers; this bound also covers a body that trickles.
            HttpResponse<ResponseExcerpt> response =
                    future.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            return Attempt.of(
                    response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            future.cancel(true);
            return Attempt.retry(Failures.noResponse(settings));
        } catch (ExecutionException e) {
            return Failures.describe(e.getCause(), settings);
        }
    }

    private HttpRequest request(RunContext context, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(settings.uri())
                .timeout(settings.timeout())
                .method(settings.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        settings.headers().forEach(b::header);
        b.header("X-Twitcher-Znode", HeaderValues.encode(context.znode()));
        b.header("X-Twitcher-Event", context.event().envValue());
        b.header("X-Twitcher-Version", Integer.toString(context.version()));
        b.header("X-Twitcher-Description", HeaderValues.encode(context.description()));
        if (settings.secret() != null) {
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            b.header("X-Twitcher-Timestamp", timestamp);
            b.header("X-Twitcher-Signature", "sha256=" + Signature.hmacSha256Hex(settings.secret(), timestamp, body));
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "webhook " + settings.method() + " " + settings.safeUrl();
    }

    /**
     * Webhooks with the default trust share one client per connect timeout (an {@link HttpClient} has a selector thread
     * of its own, which was one thread per webhook watch that ever ran); every client's callbacks run on one small pool.
     */
    private static final Map<Duration, HttpClient> SHARED = new ConcurrentHashMap<>();

    private static final ExecutorService CALLBACKS = callbacks();

    private static ExecutorService callbacks() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "twitcher-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            c = settings.ssl() == null ? SHARED.computeIfAbsent(settings.timeout(), t -> build(t, null)) : null;
            synchronized (this) {
                if (client == null) {
                    client = c != null ? c : build(settings.timeout(), settings.ssl());
                }
                c = client;
            }
        }
        return c;
    }

    private static HttpClient build(Duration connectTimeout, javax.net.ssl.SSLContext ssl) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .executor(CALLBACKS);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        return b.build();
    }
}
