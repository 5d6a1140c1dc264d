package io.twitcher.runtime.process;

import static io.twitcher.runtime.libc.LibC.EINTR;
import static io.twitcher.runtime.libc.LibC.describe;
import static io.twitcher.runtime.libc.LibC.errno;

import io.twitcher.runtime.libc.LibC;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Streams on the parent's ends of a {@link NativeSpawn} child's pipes, reading and writing the descriptors with
 * libc's read and write (retried on EINTR); closing a stream closes its descriptor, once.
 */
final class PipeStreams {
    private PipeStreams() {}

    /** A stream reading the parent's end {@code fd} of a pipe; closing it closes the descriptor. */
    static InputStream input(LibC libc, int fd) {
        return new FdInputStream(libc, fd);
    }

    /** A stream writing to the parent's end {@code fd} of a pipe; closing it closes the descriptor. */
    static OutputStream output(LibC libc, int fd) {
        return new FdOutputStream(libc, fd);
    }

    private static final class FdInputStream extends InputStream {
        private final LibC libc;
        private final int fd;
        private boolean closed;

        FdInputStream(LibC libc, int fd) {
            this.libc = libc;
            this.fd = fd;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            byte[] buf = off == 0 ? b : new byte[len];
            while (true) {
                long n = libc.read(fd, buf, len);
                if (n > 0) {
                    if (buf != b) {
                        System.arraycopy(buf, 0, b, off, (int) n);
                    }
                    return (int) n;
                }
                if (n == 0) {
                    return -1;
                }
                int errno = errno();
                if (errno != EINTR) {
                    throw new IOException("read failed: " + describe(errno));
                }
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                libc.close(fd);
            }
        }
    }

    private static final class FdOutputStream extends OutputStream {
        private final LibC libc;
        private final int fd;
        private boolean closed;

        FdOutputStream(LibC libc, int fd) {
            this.libc = libc;
            this.fd = fd;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int from = off;
            int end = off + len;
            while (from < end) {
                // a pipe takes 64 KiB at most per write; copy no more than that per call
                byte[] chunk = from == 0 && end == b.length && len <= 65536
                        ? b
                        : java.util.Arrays.copyOfRange(b, from, Math.min(end, from + 65536));
                long n = libc.write(fd, chunk, chunk.length);
                if (n < 0) {
                    int errno = errno();
                    if (errno == EINTR) {
                        continue;
                    }
                    throw new IOException("write failed: " + describe(errno));
                }
                from += (int) n;
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                libc.close(fd);
            }
        }
    }
}
