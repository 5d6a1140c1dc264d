package io.twitcher.runtime.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The client side of {@link ControlSocket}: what {@code twitcher status} sends and reads. */
public final class ControlClient {
    private ControlClient() {
    }

    /** A daemon's answer: whether it is healthy, and its report. */
    public record Answer(boolean healthy, String report) {
    }

    /**
     * Asks the daemon on {@code socket} for its status.
     *
     * @throws IOException when no daemon answers there
     */
    public static Answer status(Path socket, boolean json) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((json ? "status json\n" : "status\n").getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                all.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            if (nl < 0) {
                throw new IOException("the daemon's answer was cut short");
            }
            return new Answer(text.substring(0, nl).equals("healthy"), text.substring(nl + 1));
        }
    }

    /** Whether a daemon answers on {@code socket}. */
    static boolean answers(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads the request line (up to a newline or end of input, at most 256 bytes). */
    static String readLine(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            String s = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            if (s.indexOf('\n') >= 0) {
                return s.substring(0, s.indexOf('\n'));
            }
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }
}
