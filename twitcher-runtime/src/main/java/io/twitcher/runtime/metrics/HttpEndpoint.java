package io.twitcher.runtime.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.twitcher.runtime.lifecycle.NamedThreads;
import io.twitcher.runtime.lifecycle.StartupException;
import io.twitcher.runtime.status.DaemonStatus;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --http_port}: the JDK's HTTP server with {@code /metrics} (the Prometheus Java client's handler, text
 * format, over the daemon's own registry: {@link TwitcherMetrics} and the JVM's basics) and {@code /health} (200 when
 * connected and every config file loaded, else 503 with the reasons, one a line).
 */
public final class HttpEndpoint implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

    private final HttpServer server;
    private final ExecutorService threads;

    private HttpEndpoint(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Serves {@code status} on {@code bind:port} (port 0: any free port).
     *
     * @throws StartupException when the address cannot be bound
     */
    public static HttpEndpoint start(String bind, int port, DaemonStatus status) {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        TwitcherMetrics.register(registry, status);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        } catch (IOException e) {
            throw new StartupException("cannot listen on " + bind + ":" + port + " for --http_port ("
                    + e.getMessage() + ")", e);
        }
        server.createContext("/metrics", new MetricsHandler(registry));
        server.createContext("/health", exchange -> health(exchange, status));
        ExecutorService threads = Executors.newFixedThreadPool(2, NamedThreads.numbered("twitcher-http"));
        server.setExecutor(threads);
        server.start();
        LOG.info("Serving /metrics and /health on http://{}:{}/", bind, server.getAddress().getPort());
        return new HttpEndpoint(server, threads);
    }

    private static void health(HttpExchange exchange, DaemonStatus status) throws IOException {
        try (exchange) {
            List<String> problems = status.problems();
            byte[] body = (problems.isEmpty() ? "OK\n" : String.join("\n", problems) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(problems.isEmpty() ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The address served, with the actual port. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
