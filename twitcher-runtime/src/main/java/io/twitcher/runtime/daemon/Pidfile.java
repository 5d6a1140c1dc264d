package io.twitcher.runtime.daemon;

import io.twitcher.runtime.lifecycle.Lifecycle;
import io.twitcher.runtime.lifecycle.StartupException;
import io.twitcher.runtime.trust.ProcessUser;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * The daemon's pidfile: created and locked ({@code fcntl} lock through {@link FileChannel#tryLock()}) for as long as
 * the daemon runs, so a second daemon on the same file stops with a sentence naming the first one's pid. The pid is
 * written only once the daemon has started ({@link #writePid()}): {@code --daemonize} waits for it as the sign of a
 * successful start. {@link #close()} deletes the file, then releases the lock.
 */
public final class Pidfile implements Closeable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final Lifecycle lifecycle = Lifecycle.started("pidfile");

    private Pidfile(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates and locks {@code path}, leaving it empty until {@link #writePid()}.
     *
     * @throws StartupException when another process (or another channel in this JVM) holds it, or it cannot be created
     */
    public static Pidfile acquire(Path path) {
        requireSafeDirectory(path);
        FileChannel channel;
        try {
            // No TRUNCATE_EXISTING: the running daemon's pid must survive our failed attempt. NOFOLLOW_LINKS is
            // O_NOFOLLOW: a symbolic link planted at the path is refused, never followed to truncate its target.
            channel = FileChannel.open(
                    path,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new StartupException("cannot create the pidfile " + path + " ("
                    + (Files.isSymbolicLink(path)
                            ? "it is a symbolic link; give the path of a regular file"
                            : reason(e))
                    + ")");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException("cannot lock the pidfile " + path + " (" + reason(e) + ")");
        }
        if (lock == null) {
            closeQuietly(channel);
            throw heldBy(path);
        }
        try {
            channel.truncate(0);
            channel.force(false);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException("cannot write the pidfile " + path + " (" + reason(e) + ")");
        }
        return new Pidfile(path, channel, lock);
    }

    /**
     * Fails when {@code path} is locked by a running daemon; otherwise deletes a stale file. Used by
     * {@code --daemonize} before it launches the daemon, whose own {@link #acquire} then decides.
     */
    public static void checkFree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        // Locked and released at once: nobody held it, and close() removes the stale file.
        acquire(path).close();
    }

    /** The pid in {@code path}, if it holds one. */
    public static OptionalLong readPid(Path path) {
        try {
            String text = Files.readString(path, StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]{1,19}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public Path path() {
        return path;
    }

    /** Writes this process's pid: the daemon is up. */
    public void writePid() throws IOException {
        byte[] text = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text), 0);
        channel.force(false);
    }

    /** Deletes the file and releases the lock; idempotent. */
    @Override
    public synchronized void close() {
        if (!lifecycle.close()) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Keep going: releasing the lock matters more than the file.
        }
        try {
            lock.release();
        } catch (IOException e) {
            // The channel's close below releases it anyway.
        }
        closeQuietly(channel);
    }

    /**
     * As root, the pidfile's directory must be root's alone: in a directory others can write to, they could
     * replace the file between our runs, or make an init script signal a process of their choosing.
     */
    private static void requireSafeDirectory(Path path) {
        if (!ProcessUser.isRoot()) {
            return;
        }
        Path dir = path.toAbsolutePath().normalize().getParent();
        try {
            Path real = dir.toRealPath();
            int uid = (Integer) Files.getAttribute(real, "unix:uid");
            int mode = (Integer) Files.getAttribute(real, "unix:mode");
            if (uid != 0 || (mode & 0022) != 0) {
                throw new StartupException("the pidfile " + path + " must be in a directory owned by root and"
                        + " writable by root alone, not " + real + " (uid " + uid + ", mode "
                        + String.format("%04o", mode & 07777) + "); use one such as /run");
            }
        } catch (IOException e) {
            throw new StartupException("cannot create the pidfile " + path + " (" + reason(e) + ")");
        }
    }

    private static StartupException heldBy(Path path) {
        OptionalLong pid = readPid(path);
        if (pid.isPresent()) {
            return new StartupException(
                    "another twitcher (pid " + pid.getAsLong() + ") is running with the pidfile " + path);
        }
        return new StartupException("another twitcher is starting with the pidfile " + path
                + " (it holds the lock but has not written its pid yet)");
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to do with it.
        }
    }
}
