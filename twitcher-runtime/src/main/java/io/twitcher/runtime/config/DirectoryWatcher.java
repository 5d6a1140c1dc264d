package io.twitcher.runtime.config;

import io.twitcher.runtime.lifecycle.NamedThreads;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file system side of {@link ConfigDirectory}: the JDK's WatchService (inotify on Linux) on every directory a
 * scan found, and the thread that waits for its events and asks for a scan once a burst of them is over. Directories
 * are registered on the reload thread; the watch thread only drains events.
 */
final class DirectoryWatcher {
    // Logged under ConfigDirectory's name, as before the split: operators set levels and filter by it.
    private static final Logger LOG = LoggerFactory.getLogger(ConfigDirectory.class);

    /** A watched directory: its key, and which directory (inode) it was registered for. */
    private record Watched(WatchKey key, Object fileKey) {}

    private final BooleanSupplier closed;
    private final Runnable changed;
    private final Map<Path, Watched> watchedDirs = new HashMap<>();
    private WatchService watchService;
    private Thread watchThread;

    /** Calls {@code changed} after each burst of events, until {@code closed} says so. */
    DirectoryWatcher(BooleanSupplier closed, Runnable changed) {
        this.closed = closed;
        this.changed = changed;
    }

    void open(FileSystem fileSystem) throws IOException {
        watchService = fileSystem.newWatchService();
    }

    /** Starts the thread that waits for events. */
    void startThread() {
        watchThread = NamedThreads.single("twitcher-config-watch").newThread(this::watchLoop);
        watchThread.start();
    }

    /**
     * Watches {@code dir} for changes, once per directory: a directory swapped in under the same name
     * ({@code mv conf.d conf.d.old; mv new conf.d}) is another directory and is watched anew. A directory that vanished
     * meanwhile is left to the next scan.
     */
    void register(Path dir) {
        if (closed.getAsBoolean()) {
            return;
        }
        try {
            Object fileKey =
                    Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
            Watched known = watchedDirs.get(dir);
            if (known != null && known.key().isValid() && Objects.equals(known.fileKey(), fileKey)) {
                return;
            }
            WatchKey key = dir.register(
                    watchService,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            if (known != null && !known.key().equals(key)) {
                known.key().cancel(); // the old directory, moved away: its edits are no longer ours
            }
            watchedDirs.put(dir, new Watched(key, fileKey));
        } catch (IOException e) {
            LOG.debug("Cannot watch directory {}: {}", dir, e.getMessage());
        }
    }

    /** Forgets deleted directories, so that they are registered again if they return. */
    void forgetDeleted() {
        watchedDirs.values().removeIf(w -> !w.key().isValid());
    }

    private void watchLoop() {
        try {
            while (!closed.getAsBoolean()) {
                WatchKey key = watchService.take();
                // Editors write in bursts (truncate, write, rename): drain until quiet, then scan once.
                do {
                    key.pollEvents();
                    key.reset();
                    key = watchService.poll(100, TimeUnit.MILLISECONDS);
                } while (key != null);
                changed.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closing
        }
    }

    /** Closes the watch service and stops the thread. */
    void close() {
        try {
            if (watchService != null) {
                watchService.close();
            }
        } catch (IOException e) {
            LOG.debug("Closing the watch service: {}", e.toString());
        }
        if (watchThread != null) {
            watchThread.interrupt();
        }
    }
}
