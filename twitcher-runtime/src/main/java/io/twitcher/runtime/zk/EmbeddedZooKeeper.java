package io.twitcher.runtime.zk;

import io.twitcher.runtime.lifecycle.Lifecycle;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone ZooKeeper server inside the daemon ({@code --embedded-zk}), for trying Twitcher out and for demos. It
 * listens on {@code 127.0.0.1:port}, so other processes on the machine (a git hook running {@code twitcher poke}) can
 * use it too; its data lives in a temporary directory that {@link #close()} deletes, and the admin HTTP server is off.
 */
public final class EmbeddedZooKeeper implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
    private static final String HOST = "127.0.0.1";
    private static final long START_TIMEOUT_MS = 30_000;

    private final ZooKeeperServerEmbedded server;
    private final Path dataDir;
    private final int port;
    private final Lifecycle lifecycle = Lifecycle.started("embedded ZooKeeper");

    private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, Path dataDir, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Starts a server on {@code 127.0.0.1:port} and returns once it accepts connections.
     *
     * @throws IOException with a one-sentence message when the port is taken or the server does not start
     */
    public static EmbeddedZooKeeper start(int port) throws IOException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, not " + port);
        }
        checkPortFree(port);
        Path dir = Files.createTempDirectory("twitcher-zk-");
        Properties config = new Properties();
        config.setProperty("clientPort", Integer.toString(port));
        config.setProperty("clientPortAddress", HOST);
        config.setProperty("dataDir", dir.resolve("data").toString());
        config.setProperty("tickTime", "2000");
        config.setProperty("maxClientCnxns", "0");
        // Becomes zookeeper.maxCnxns (see below); left at 0 the server warns "not configured" at every start.
        config.setProperty("maxCnxns", "1000");
        // ZooKeeper turns unknown keys into "zookeeper."-prefixed system properties: this one is
        // zookeeper.admin.enableServer, which would otherwise try to start Jetty on port 8080.
        config.setProperty("admin.enableServer", "false");
        ZooKeeperServerEmbedded server = null;
        try {
            // LOG_ONLY: a server failure must not System.exit() the daemon.
            server = ZooKeeperServerEmbedded.builder()
                    .baseDir(dir)
                    .configuration(config)
                    .exitHandler(ExitHandler.LOG_ONLY)
                    .build();
            server.start(START_TIMEOUT_MS);
        } catch (TimeoutException e) {
            closeQuietly(server, dir);
            throw new IOException("the embedded ZooKeeper did not start on " + HOST + ":" + port + " within "
                    + TimeUnit.MILLISECONDS.toSeconds(START_TIMEOUT_MS) + " seconds");
        } catch (Exception e) {
            closeQuietly(server, dir);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the embedded ZooKeeper could not start on " + HOST + ":" + port + ": " + e, e);
        }
        LOG.info("Embedded ZooKeeper listening on {}:{} (data in {})", HOST, port, dir);
        return new EmbeddedZooKeeper(server, dir, port);
    }

    /** The connect string clients use: {@code 127.0.0.1:port}. */
    public String connectString() {
        return HOST + ":" + port;
    }

    /** The temporary directory holding the server's data. */
    Path dataDir() {
        return dataDir;
    }

    /** Stops the server and deletes its data; idempotent and quiet. */
    @Override
    public void close() {
        if (lifecycle.close()) {
            closeQuietly(server, dataDir);
            LOG.info("Embedded ZooKeeper on {}:{} stopped", HOST, port);
        }
    }

    // Checked up front: ZooKeeper only logs a failed bind from its own thread, and start() would then wait out its
    // timeout.
    private static void checkPortFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (BindException e) {
            throw new IOException(
                    "port " + port + " on " + HOST + " is already in use, so the embedded ZooKeeper"
                            + " cannot listen there (choose another with --embedded-zk=PORT)",
                    e);
        }
    }

    private static void closeQuietly(ZooKeeperServerEmbedded server, Path dir) {
        if (server != null) {
            try {
                server.close();
            } catch (RuntimeException e) {
                LOG.warn("Stopping the embedded ZooKeeper failed: {}", e.toString());
            }
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete the embedded ZooKeeper's data in {}: {}", dir, e.toString());
        }
    }
}
