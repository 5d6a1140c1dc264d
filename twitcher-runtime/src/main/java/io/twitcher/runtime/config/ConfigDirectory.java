package io.twitcher.runtime.config;

import io.twitcher.runtime.lifecycle.Lifecycle;
import io.twitcher.runtime.lifecycle.NamedThreads;
import io.twitcher.runtime.watch.ResolvedWatch;
import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The config directory, kept loaded: a full scan at start, then again whenever the file system says something
 * changed (the JDK's WatchService, inotify on Linux) or {@link #rescan()} is called (SIGHUP). A file is loaded again
 * only when its content's hash changed; a file that fails keeps its previous watches; a file that disappears loses
 * its watches. All scanning and loading happens on one reload thread, so loaders never run concurrently.
 */
public final class ConfigDirectory implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigDirectory.class);

    /** Receives a file's new set of watches (empty when it was removed); called on the reload thread only. */
    @FunctionalInterface
    public interface Listener {
        void apply(Path file, List<ResolvedWatch> watches);

        /** {@code file} failed to load with {@code reason} ({@code file:line: why}); its previous version stays. */
        default void failed(Path file, String reason) {
        }
    }

    private final Path root;
    private final FileLoader loader;
    private final Listener listener;
    private final Map<Path, String> hashes = new HashMap<>();
    private final Set<Path> active = new HashSet<>();
    private final Map<Path, Watched> watchedDirs = new HashMap<>();
    /** Files whose last load failed: SIGHUP loads them again even when their content did not change. */
    private final Set<Path> failed = new HashSet<>();
    /** Entries that cannot be read, with the reason last logged (each is logged once until it changes). */
    private final Map<Path, String> unreadable = new HashMap<>();
    private final AtomicBoolean scanQueued = new AtomicBoolean();
    private final AtomicBoolean retryFailed = new AtomicBoolean();
    private final ExecutorService reloadThread = Executors.newSingleThreadExecutor(NamedThreads.single("twitcher-reload"));
    private WatchService watchService;
    private Thread watchThread;
    private final Lifecycle lifecycle = new Lifecycle("config directory");

    public ConfigDirectory(Path root, FileLoader loader, Listener listener) {
        this.root = root;
        this.loader = loader;
        this.listener = listener;
    }

    /** Loads every file now (returns when done) and starts watching for changes. */
    public void start() throws IOException {
        lifecycle.start();
        watchService = root.getFileSystem().newWatchService();
        awaitScan(reloadThread.submit(this::scan));
        watchThread = NamedThreads.single("twitcher-config-watch").newThread(this::watchLoop);
        watchThread.start();
    }

    /** A watched directory: its key, and which directory (inode) it was registered for. */
    private record Watched(WatchKey key, Object fileKey) {
    }

    /**
     * Queues a full rescan on the reload thread (coalesced with one already queued), which also loads again every
     * file whose last load failed (what SIGHUP does); returns at once.
     */
    public Future<?> rescan() {
        retryFailed.set(true);
        return queueScan();
    }

    private Future<?> queueScan() {
        if (lifecycle.isClosed() || !scanQueued.compareAndSet(false, true)) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        try {
            return reloadThread.submit(() -> {
                scanQueued.set(false);
                scan();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    private void scan() {
        if (lifecycle.isClosed()) {
            return;
        }
        boolean retry = retryFailed.getAndSet(false);
        List<Path> files;
        Map<Path, String> problems = new HashMap<>();
        try {
            files = ConfigScanner.scan(root, loader::claims, this::register, problems::put);
            if (!Files.isDirectory(root)) {
                register(root.toAbsolutePath().getParent());
            }
            // deleted directories: registered again if they return
            watchedDirs.values().removeIf(w -> !w.key().isValid());
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot read config path {}: {}", root, e.getMessage());
            return;
        }
        reportUnreadable(problems);
        Set<Path> present = new HashSet<>(files);
        for (Path gone : new HashSet<>(hashes.keySet())) {
            if (!present.contains(gone)) {
                hashes.remove(gone);
                failed.remove(gone);
                if (active.remove(gone)) {
                    LOG.info("Configuration {} was removed; its watches stop", displayName(gone));
                    listener.apply(gone, List.of());
                }
            }
        }
        for (Path file : files) {
            loadIfChanged(file, retry);
        }
    }

    /** Logs each entry that cannot be read once (and again when its reason changes). */
    private void reportUnreadable(Map<Path, String> problems) {
        for (Map.Entry<Path, String> p : problems.entrySet()) {
            if (!p.getValue().equals(unreadable.get(p.getKey()))) {
                LOG.error("Cannot read {}: {}; skipped", displayName(p.getKey()), p.getValue());
            }
        }
        unreadable.keySet().retainAll(problems.keySet());
        unreadable.putAll(problems);
    }

    private void loadIfChanged(Path file, boolean retryFailed) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return; // removed right now; the next event or scan tells
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!reason.equals(unreadable.put(file, reason))) {
                LOG.error("Cannot read {}: {}; skipped", displayName(file), reason);
            }
            return;
        }
        String hash = sha256(content);
        if (hash.equals(hashes.get(file)) && !(retryFailed && failed.contains(file))) {
            return;
        }
        hashes.put(file, hash);
        String name = displayName(file);
        LOG.info("Loading configuration from {}", name);
        try {
            List<ResolvedWatch> watches = loader.load(new ConfigFile(file, name, content));
            failed.remove(file);
            active.add(file);
            listener.apply(file, watches);
        } catch (ConfigException e) {
            failed.add(file);
            LOG.error("Exception processing {}: {}{}", name, e.getMessage(), active.contains(file)
                    ? " (its previous version stays active)" : "");
            listener.failed(file, e.getMessage());
        }
    }

    private String displayName(Path file) {
        return ConfigScanner.displayName(root, file);
    }

    /**
     * Watches {@code dir} for changes, once per directory: a directory swapped in under the same name
     * ({@code mv conf.d conf.d.old; mv new conf.d}) is another directory and is watched anew. A directory that vanished
     * meanwhile is left to the next scan.
     */
    private void register(Path dir) {
        if (lifecycle.isClosed()) {
            return;
        }
        try {
            Object fileKey = Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
            Watched known = watchedDirs.get(dir);
            if (known != null && known.key().isValid() && java.util.Objects.equals(known.fileKey(), fileKey)) {
                return;
            }
            WatchKey key = dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            if (known != null && !known.key().equals(key)) {
                known.key().cancel(); // the old directory, moved away: its edits are no longer ours
            }
            watchedDirs.put(dir, new Watched(key, fileKey));
        } catch (IOException e) {
            LOG.debug("Cannot watch directory {}: {}", dir, e.getMessage());
        }
    }

    private void watchLoop() {
        try {
            while (!lifecycle.isClosed()) {
                WatchKey key = watchService.take();
                // Editors write in bursts (truncate, write, rename): drain until quiet, then scan once.
                do {
                    key.pollEvents();
                    key.reset();
                    key = watchService.poll(100, TimeUnit.MILLISECONDS);
                } while (key != null);
                queueScan();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closing
        }
    }

    private static void awaitScan(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("Loading the config directory failed: " + e.getCause(), e.getCause());
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
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
        reloadThread.shutdownNow();
        try {
            reloadThread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
