package io.twitcher.runtime.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datagrams through libc, received by jnr-unixsocket (an independent implementation) on a real socket. */
class UnixDatagramSocketTest {
    @TempDir
    Path dir;

    @Test
    void aDatagramReachesTheSocketAtAPathWhole() throws Exception {
        Path path = dir.resolve("log");
        try (UnixDatagramChannel receiver = UnixDatagramChannel.open();
                UnixDatagramSocket sender = UnixDatagramSocket.open()) {
            receiver.bind(new UnixSocketAddress(path.toFile()));
            sender.setSendTimeout(1000);
            sender.send("<30>twitcher: héllo".getBytes(StandardCharsets.UTF_8), path.toString());
            sender.send(new byte[0], path.toString());
            assertEquals("<30>twitcher: héllo", receive(receiver));
            assertEquals("", receive(receiver), "an empty datagram is a datagram too");
        }
    }

    @Test
    void aNameStartingWithNulIsAnAbstractSocket() throws Exception {
        String name = "\0twitcher-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (UnixDatagramChannel receiver = UnixDatagramChannel.open();
                UnixDatagramSocket sender = UnixDatagramSocket.open()) {
            receiver.bind(new UnixSocketAddress(name));
            sender.send("READY=1".getBytes(StandardCharsets.UTF_8), name);
            assertEquals("READY=1", receive(receiver));
        }
    }

    @Test
    void failuresAreOneSentence() throws Exception {
        try (UnixDatagramSocket sender = UnixDatagramSocket.open()) {
            byte[] data = {1};
            assertEquals(
                    "No such file or directory",
                    assertThrows(
                                    IOException.class,
                                    () -> sender.send(data, dir.resolve("none").toString()))
                            .getMessage());
            String tooLong = dir.resolve("x".repeat(120)).toString();
            assertEquals(
                    "\"" + tooLong + "\" cannot be a Unix socket address (1 to 107 bytes)",
                    assertThrows(IOException.class, () -> sender.send(data, tooLong))
                            .getMessage());
            assertEquals(
                    "\"\" cannot be a Unix socket address (1 to 107 bytes)",
                    assertThrows(IOException.class, () -> sender.send(data, "")).getMessage());
            sender.close();
            sender.close();
            assertEquals(
                    "the socket is closed",
                    assertThrows(IOException.class, () -> sender.send(data, "/dev/log"))
                            .getMessage());
        }
    }

    /** What is queued: a local send returns once its datagram is in the receiver's queue, so nothing is waited for. */
    private static String receive(UnixDatagramChannel receiver) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        receiver.configureBlocking(false);
        assertNotNull(receiver.receive(buffer), "a datagram is queued");
        buffer.flip();
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }
}
