package io.twitcher.plugin.action.http;

import io.twitcher.api.Action;
import io.twitcher.api.RunContext;
import io.twitcher.api.RunResult;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured webhook. Each run sends one request, repeated after connection errors, timeouts and 5xx responses
 * with a doubling wait. Every wait is interruptible: an interrupt (the watch's timeout, daemon shutdown) cancels the
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
        HttpRequest request = request(context, body);
        int attempts = settings.retries() + 1;
        for (int attempt = 1; ; attempt++) {
            Attempt result = send(request);
            if (result.success()) {
                return RunResult.ok(result.detail());
            }
            if (!result.retryable() || attempt == attempts) {
                return RunResult.failed(result.detail() + (attempt > 1 ? " (after " + attempt + " attempts)" : ""));
            }
            Duration wait = settings.backoffAfter(attempt);
            LOG.warn("{}: {} {} failed ({}), attempt {} of {}; retrying in {} s", context.description(),
                    settings.method(), settings.safeUrl(), result.detail(), attempt, attempts,
                    HttpActionType.format(wait.toNanos() / 1e9));
            TimeUnit.NANOSECONDS.sleep(wait.toNanos());
        }
    }

    private Attempt send(HttpRequest request) throws InterruptedException {
        CompletableFuture<HttpResponse<ResponseExcerpt>> future =
                client().sendAsync(request, ResponseExcerpt.handler(EXCERPT_BYTES));
        try {
            // The request's own timeout covers the response headers; this bound also covers a body that trickles.
            HttpResponse<ResponseExcerpt> response = future.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            return Attempt.of(response.statusCode(), response.body());
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
            b.header("X-Twitcher-Signature", "sha256=" + Signature.hmacSha256Hex(settings.secret(), body));
        }
        return b.build();
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    HttpClient.Builder b = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(settings.timeout());
                    if (settings.ssl() != null) {
                        b.sslContext(settings.ssl());
                    }
                    c = b.build();
                    client = c;
                }
            }
        }
        return c;
    }
}
