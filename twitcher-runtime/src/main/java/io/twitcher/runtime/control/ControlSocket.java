package io.twitcher.runtime.control;

import io.twitcher.runtime.lifecycle.NamedThreads;
import io.twitcher.runtime.lifecycle.StartupException;
import io.twitcher.runtime.status.DaemonStatus;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --control_socket}: a Unix domain socket (the JDK's), mode 0600, on which the daemon answers
 * {@code twitcher status}. The request is one line ({@code status} or {@code status json}); the answer is a line
 * {@code healthy} or {@code unhealthy}, then the report; then the daemon closes the connection. One thread serves
 * the connections one after the other: a report takes microseconds.
 */
public final class ControlSocket implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlSocket.class);

    private final Path path;
    private final ServerSocketChannel server;
    private final DaemonStatus status;
    private final Thread thread;

    private ControlSocket(Path path, ServerSocketChannel server, DaemonStatus status) {
        this.path = path;
        this.server = server;
        this.status = status;
        this.thread = NamedThreads.single("twitcher-control").newThread(this::serve);
    }

    /**
     * Listens on {@code path}. A stale socket file (no daemon answers on it) is replaced.
     *
     * @throws StartupException when another daemon answers on it, or it cannot be created
     */
    public static ControlSocket start(Path path, DaemonStatus status) {
        try {
            if (Files.exists(path)) {
                if (ControlClient.answers(path)) {
                    throw new StartupException("another daemon answers on the control socket " + path);
                }
                Files.delete(path);
            }
            Files.createDirectories(path.toAbsolutePath().getParent());
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            ControlSocket socket = new ControlSocket(path, server, status);
            socket.thread.start();
            LOG.info("Answering twitcher status on {}", path);
            return socket;
        } catch (IOException | UnsupportedOperationException e) {
            throw new StartupException("cannot create the control socket " + path + " (" + e.getMessage() + ")", e);
        }
    }

    public Path path() {
        return path;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                answer(client);
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.debug("Control socket request failed", e);
                }
            }
        }
    }

    private void answer(SocketChannel client) throws IOException {
        String request = ControlClient.readLine(client);
        String report = request.trim().equals("status json") ? StatusReport.json(status) : StatusReport.text(status);
        String answer = (status.healthy() ? "healthy" : "unhealthy") + "\n" + report;
        ByteBuffer out = ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            client.write(out);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            thread.join(2000);
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Closing the control socket {}: {}", path, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The default path: {@code /run/twitcher/twitcher.sock} when running as root, else none. */
    public static Path defaultPath() {
        return isRoot() ? Path.of("/run/twitcher/twitcher.sock") : null;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

}
