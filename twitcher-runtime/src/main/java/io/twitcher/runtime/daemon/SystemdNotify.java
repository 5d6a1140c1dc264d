package io.twitcher.runtime.daemon;

import io.twitcher.runtime.libc.UnixDatagramSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify(3) for {@code Type=notify} units: one datagram to the Unix socket in {@code NOTIFY_SOCKET}
 * ({@code READY=1}, {@code STATUS=...}, {@code RELOADING=1}, {@code STOPPING=1}). Outside systemd (no
 * {@code NOTIFY_SOCKET}) every call does nothing. The JDK has no Unix datagram sockets: {@link UnixDatagramSocket}
 * sends it.
 */
final class SystemdNotify {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotify.class);

    private final String socket;

    SystemdNotify(String socket) {
        this.socket = socket == null || socket.isEmpty() ? null : socket;
    }

    /** From the environment. */
    static SystemdNotify fromEnvironment() {
        return new SystemdNotify(System.getenv("NOTIFY_SOCKET"));
    }

    boolean enabled() {
        return socket != null;
    }

    /** Sends {@code state} (newline-separated assignments); failures are logged once at DEBUG, never thrown. */
    void send(String state) {
        if (socket == null) {
            return;
        }
        // An abstract socket name starts with '@', which stands for a leading NUL byte.
        String path = socket.startsWith("@") ? "\0" + socket.substring(1) : socket;
        try (UnixDatagramSocket channel = UnixDatagramSocket.open()) {
            channel.send(state.getBytes(StandardCharsets.UTF_8), path);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot notify systemd on {}: {}", socket, e.toString());
        }
    }
}
