package io.twitcher.runtime.status;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's state as operators see it: the ZooKeeper connection, the config files (loaded or failed, with the
 * reason) and the active watches. The components report into it (lower layers through {@link WatchState}); the
 * control socket, {@code /health}, {@code /metrics} and readiness read it. Listeners hear of every change in health.
 */
public final class DaemonStatus {
    private final Map<WatchState, Boolean> watches = new ConcurrentHashMap<>();
    private final Map<Path, String> failedFiles = new ConcurrentHashMap<>();
    private final Map<Path, Boolean> loadedFiles = new ConcurrentHashMap<>();
    private final AtomicLong filesLoaded = new AtomicLong();
    private final AtomicLong filesFailed = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong expirations = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean connected;
    private volatile boolean everConnected;
    private volatile boolean started;
    private volatile String connectionState = "NOT_CONNECTED";
    private volatile java.util.function.BiConsumer<WatchState, java.time.Duration> durations = (w, d) -> {};
    /** What every watch's state passes its run durations to: one object for all of them. */
    private final java.util.function.BiConsumer<WatchState, java.time.Duration> durationsOfAll =
            (w, d) -> durations.accept(w, d);

    /** Where every run's duration goes (the metrics' histogram); set before watches start. */
    public void observeDurations(java.util.function.BiConsumer<WatchState, java.time.Duration> observer) {
        this.durations = observer;
    }

    /** Called after every change of health (on the reporting thread: keep it short). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    public void watchStarted(WatchState w) {
        w.observeDurations(durationsOfAll);
        watches.put(w, Boolean.TRUE);
    }

    public void watchStopped(WatchState w) {
        watches.remove(w);
    }

    /** The active watches, by file and description. */
    public List<WatchState.Snapshot> watches() {
        List<WatchState.Snapshot> list = new ArrayList<>();
        for (WatchState w : watches.keySet()) {
            list.add(w.snapshot());
        }
        list.sort(Comparator.comparing(WatchState.Snapshot::file).thenComparing(WatchState.Snapshot::description));
        return list;
    }

    public Collection<WatchState> watchStates() {
        return List.copyOf(watches.keySet());
    }

    /** A config file loaded (its watches are in force). */
    public void fileLoaded(Path file) {
        filesLoaded.incrementAndGet();
        loadedFiles.put(file, Boolean.TRUE);
        failedFiles.remove(file);
        changed();
    }

    /** A config file failed to load, for {@code reason}. */
    public void fileFailed(Path file, String reason) {
        filesFailed.incrementAndGet();
        failedFiles.put(file, reason);
        changed();
    }

    /** A config file was removed. */
    public void fileRemoved(Path file) {
        loadedFiles.remove(file);
        failedFiles.remove(file);
        changed();
    }

    /** The first full scan of the config path is done. */
    public void configScanned() {
        started = true;
        changed();
    }

    /** The ZooKeeper connection's new state (Curator's names: CONNECTED, SUSPENDED, RECONNECTED, LOST, ...). */
    public void connection(String state, boolean isConnected) {
        connectionState = state;
        if (state.equals("RECONNECTED")) {
            reconnects.incrementAndGet();
        } else if (state.equals("LOST")) {
            expirations.incrementAndGet();
        }
        connected = isConnected;
        everConnected |= isConnected;
        changed();
    }

    public boolean connected() {
        return connected;
    }

    public String connectionState() {
        return connectionState;
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long sessionExpirations() {
        return expirations.get();
    }

    public long filesLoadedTotal() {
        return filesLoaded.get();
    }

    public long filesFailedTotal() {
        return filesFailed.get();
    }

    /** The files that fail to load now, with their reasons. */
    public Map<Path, String> failedFiles() {
        return Map.copyOf(failedFiles);
    }

    /** What is wrong, one reason a line; empty when healthy (connected, every config file loaded). */
    public List<String> problems() {
        List<String> problems = startupProblems();
        failedFiles.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> problems.add("config file failed: " + e.getValue()));
        return problems;
    }

    /**
     * What the start-up still waits for: the first load of the config directory, the first connection. A file that
     * failed to load is a health problem, not one of these: waiting would not fix it, an operator's edit does.
     */
    public List<String> startupProblems() {
        List<String> problems = new ArrayList<>();
        if (!started) {
            problems.add("the configuration is not loaded yet");
        }
        if (!connected) {
            problems.add(
                    everConnected
                            ? "ZooKeeper connection " + connectionState.toLowerCase(java.util.Locale.ROOT)
                            : "not connected to ZooKeeper yet");
        }
        return problems;
    }

    public boolean healthy() {
        return problems().isEmpty();
    }
}
