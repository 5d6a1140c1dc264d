package io.twitcher.runtime.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Logback's file appender, opening the file the way a root daemon must: without following a symbolic link
 * ({@code O_NOFOLLOW}, so a link planted at the path cannot make it append to another file) and, when it creates the
 * file, with mode 0640.
 */
final class PrivateFileAppender extends FileAppender<ILoggingEvent> {
    static final FileAttribute<Set<PosixFilePermission>> MODE_0640 =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----"));

    @Override
    public void openFile(String fileName) throws IOException {
        setOutputStream(open(Path.of(fileName)));
    }

    /** Opens {@code file} for appending, never through a symbolic link; creates it with mode 0640. */
    static OutputStream open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(
                file,
                Set.of(
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS),
                MODE_0640);
        return new BufferedOutputStream(Channels.newOutputStream(channel), 8192);
    }
}
