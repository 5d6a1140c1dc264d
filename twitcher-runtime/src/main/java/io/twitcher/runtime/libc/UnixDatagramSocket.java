package io.twitcher.runtime.libc;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import jnr.constants.platform.AddressFamily;
import jnr.constants.platform.Sock;
import jnr.constants.platform.SocketLevel;
import jnr.constants.platform.SocketOption;

/**
 * An unbound Unix datagram socket that sends to socket paths: syslog's {@code /dev/log}, the journal's socket,
 * systemd's notify socket. The JDK has Unix stream sockets only; this calls libc through {@link LibC}, which the daemon
 * has loaded anyway, where jnr-unixsocket generated a binding of its own at the first log line (about 80 ms of a
 * start, docs/benchmarks.md). Sends and closing are serialised: a send never reaches a descriptor number that a close
 * gave back and something else reused.
 */
public final class UnixDatagramSocket implements Closeable {
    /** {@code sun_path}'s size in {@code struct sockaddr_un} on Linux, its terminating NUL included. */
    private static final int SUN_PATH_BYTES = 108;

    /** How the JDK encodes file names (its own Unix domain socket addresses too). */
    private static final Charset CHARSET = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    private final LibC libc;
    private int fd;

    private UnixDatagramSocket(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    /**
     * Opens a socket (close-on-exec).
     *
     * @throws IOException with the reason, one sentence, when libc cannot be called or refuses a socket
     */
    public static UnixDatagramSocket open() throws IOException {
        LibC libc;
        try {
            libc = LibCBinding.get();
        } catch (LinkageError | RuntimeException e) {
            throw new IOException("libc cannot be called (" + e.getMessage() + ")", e);
        }
        int fd = libc.socket(
                AddressFamily.AF_UNIX.intValue(), Sock.SOCK_DGRAM.intValue() | Sock.SOCK_CLOEXEC.intValue(), 0);
        if (fd < 0) {
            throw new IOException("socket() failed: " + LibC.describe(LibC.errno()));
        }
        return new UnixDatagramSocket(libc, fd);
    }

    /** A send waits at most {@code millis} for room in the receiver's queue, then fails (EAGAIN). */
    public synchronized void setSendTimeout(int millis) throws IOException {
        // struct timeval: seconds and microseconds, two longs on 64-bit Linux (LibC runs on 64-bit platforms only)
        byte[] timeval = ByteBuffer.allocate(2 * Long.BYTES)
                .order(ByteOrder.nativeOrder())
                .putLong(millis / 1000)
                .putLong((millis % 1000) * 1000L)
                .array();
        if (libc.setsockopt(
                        requireOpen(), SocketLevel.SOL_SOCKET.intValue(), SocketOption.SO_SNDTIMEO.intValue(), timeval)
                != 0) {
            throw new IOException("setting a send timeout failed: " + LibC.describe(LibC.errno()));
        }
    }

    /**
     * Sends {@code data} as one datagram to the socket at {@code path}; a path starting with a NUL character names an
     * abstract socket.
     *
     * @throws IOException with errno's description ("No such file or directory", "Connection refused", "Resource
     *                     temporarily unavailable" after the send timeout) or a path that cannot be a socket address
     */
    public synchronized void send(byte[] data, String path) throws IOException {
        byte[] address = address(path);
        int open = requireOpen();
        while (libc.sendto(open, data, address) < 0) {
            int errno = LibC.errno();
            if (errno != LibC.EINTR) {
                throw new IOException(LibC.describe(errno));
            }
        }
    }

    /** {@code struct sockaddr_un} for {@code path}, as long as the kernel needs it. */
    static byte[] address(String path) throws IOException {
        byte[] name = path.getBytes(CHARSET);
        boolean abstractName = name.length > 0 && name[0] == 0;
        int length = abstractName ? name.length : name.length + 1; // a path ends with NUL, an abstract name does not
        if (name.length == 0 || name.length == 1 && abstractName || length > SUN_PATH_BYTES) {
            throw new IOException("\"" + path.replace("\0", "@") + "\" cannot be a Unix socket address (1 to "
                    + (SUN_PATH_BYTES - 1) + " bytes)");
        }
        return ByteBuffer.allocate(Short.BYTES + length)
                .order(ByteOrder.nativeOrder())
                .putShort((short) AddressFamily.AF_UNIX.intValue())
                .put(name)
                .array(); // the NUL of a path: the buffer's last byte, still 0
    }

    private int requireOpen() throws IOException {
        if (fd < 0) {
            throw new IOException("the socket is closed");
        }
        return fd;
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
        }
    }
}
