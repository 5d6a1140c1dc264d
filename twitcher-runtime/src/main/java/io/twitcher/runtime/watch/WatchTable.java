package io.twitcher.runtime.watch;

import io.twitcher.runtime.dispatch.Dispatcher;
import io.twitcher.runtime.fleet.FleetContext;
import io.twitcher.runtime.fleet.FleetRunner;
import io.twitcher.runtime.process.ProcessSupervisor;
import io.twitcher.runtime.run.ActionRunner;
import io.twitcher.runtime.run.RetryingRunner;
import io.twitcher.runtime.run.Runner;
import io.twitcher.runtime.status.WatchState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watches in force, per config file. {@link #apply} swaps a file's set: a watch whose definition did not change
 * keeps running (no re-run; an inline action of the same source runs as the new load built it from the next change
 * on); the others stop before the new ones start, so an old definition never runs
 * again once its replacement is loaded. Called on the reload thread only (and at close).
 */
public final class WatchTable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchTable.class);

    private static final java.time.Duration ARM_TIMEOUT = java.time.Duration.ofSeconds(5);

    private final NodeWatches nodes;
    private final ProcessSupervisor supervisor;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final int parallelCap;
    private final FleetContext fleet;
    private final Map<Path, List<ActiveWatch>> byFile = new HashMap<>();

    /**
     * @param fleet what the watches' fleet controls share, and the status registry every watch reports into
     */
    public WatchTable(
            NodeWatches nodes,
            ProcessSupervisor supervisor,
            ExecutorService workers,
            ScheduledExecutorService timers,
            int parallelCap,
            FleetContext fleet) {
        this.nodes = nodes;
        this.supervisor = supervisor;
        this.workers = workers;
        this.timers = timers;
        this.parallelCap = parallelCap;
        this.fleet = fleet;
    }

    /** Makes {@code next} the watches of {@code file} (empty: the file is gone). */
    public synchronized void apply(Path file, List<ResolvedWatch> next) {
        List<ActiveWatch> old = new ArrayList<>(byFile.getOrDefault(file, List.of()));
        List<ActiveWatch> kept = new ArrayList<>();
        List<ResolvedWatch> added = new ArrayList<>();
        for (ResolvedWatch w : next) {
            ActiveWatch same = takeSame(old, w);
            if (same != null) {
                same.reloaded(w);
                kept.add(same);
            } else {
                added.add(w);
            }
        }
        old.forEach(ActiveWatch::stop);
        List<ActiveWatch> now = new ArrayList<>(kept);
        List<Subscription> fresh = new ArrayList<>();
        for (ResolvedWatch w : added) {
            ActiveWatch a = start(file, w, predecessorOf(w, old));
            now.add(a);
            fresh.add(a.subscription());
        }
        if (!fresh.isEmpty()) {
            // Changes made once a file's load is reported must be seen as changes: read the new nodes first. Only
            // the new ones: a watch of another file that cannot be armed must not delay this load.
            try {
                nodes.awaitArmed(fresh, ARM_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (now.isEmpty()) {
            byFile.remove(file);
        } else {
            byFile.put(file, now);
        }
        LOG.info(
                "{}: {} watch(es) active ({} unchanged, {} started, {} stopped)",
                file,
                now.size(),
                kept.size(),
                added.size(),
                old.size());
    }

    private static ActiveWatch takeSame(List<ActiveWatch> candidates, ResolvedWatch w) {
        for (Iterator<ActiveWatch> it = candidates.iterator(); it.hasNext(); ) {
            ActiveWatch a = it.next();
            // A watch stopped by its on_failure policy is started afresh by a load of its file.
            if (!a.stoppedByPolicy() && a.watch().definition().sameWatch(w.definition())) {
                it.remove();
                return a;
            }
        }
        return null;
    }

    /**
     * What a new QUEUE watch waits for before its first run: the end of the runs of the stopped definitions it
     * replaces (same znode and watch type), so that a changed QUEUE watch never runs twice at once.
     */
    private static CompletableFuture<Void> predecessorOf(ResolvedWatch w, List<ActiveWatch> stopped) {
        var d = w.definition();
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (ActiveWatch a : stopped) {
            var o = a.watch().definition();
            // Not by description: an edit may rename the watch too (the fault suite does), and waiting for another
            // definition's last run on the same node only delays a first run.
            if (o.znode().equals(d.znode()) && o.watchType() == d.watchType()) {
                runs.add(a.stoppedAndIdle());
            }
        }
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new));
    }

    private ActiveWatch start(Path file, ResolvedWatch w) {
        return start(file, w, CompletableFuture.completedFuture(null));
    }

    private ActiveWatch start(Path file, ResolvedWatch w, CompletableFuture<Void> predecessor) {
        var d = w.definition();
        WatchState state = new WatchState(
                d.description(), file.toString(), d.znode(), d.runMode().name());
        ActiveWatch a = new ActiveWatch(w, state, this, fleet, predecessor);
        fleet.status().watchStarted(state);
        a.subscribed(nodes.subscribe(d.znode(), d.watchType(), a, d.runOnLoad()));
        return a;
    }

    /** The runner of {@code a}'s runs, made with its dispatcher on its first update. */
    FleetRunner runnerFor(ActiveWatch a) {
        var d = a.definition();
        return new FleetRunner(d, new ActionRunner(d, a.action(), supervisor, timers), a.state(), fleet, a);
    }

    /** The dispatcher of {@code a}, made on its first update; its first run waits for {@code predecessor}. */
    Dispatcher dispatcherFor(ActiveWatch a, FleetRunner runner, CompletableFuture<Void> predecessor) {
        var d = a.definition();
        // Retries outside the fleet runner: an attempt waiting to retry holds no fleet lease.
        Runner retrying = RetryingRunner.wrap(d, runner, a::stopByPolicy, a.state());
        return Dispatcher.create(d.runMode(), retrying, workers, a, d.notifySignal(), parallelCap, predecessor);
    }

    /** {@code state}'s watch is gone for good (replaced, removed, resumed as a new watch): out of the status. */
    void stopped(WatchState state) {
        fleet.status().watchStopped(state);
    }

    /** Starts again every watch its on_failure policy stopped (what SIGHUP does besides the rescan). */
    public synchronized void resumeStopped() {
        for (Map.Entry<Path, List<ActiveWatch>> e : byFile.entrySet()) {
            List<ActiveWatch> list = e.getValue();
            for (int i = 0; i < list.size(); i++) {
                ActiveWatch a = list.get(i);
                if (a.stoppedByPolicy()) {
                    LOG.info(
                            "Watch \"{}\" on {} watches again",
                            a.watch().definition().description(),
                            a.watch().definition().znode());
                    a.stop(); // forgets its "stopped" status entry
                    list.set(i, start(e.getKey(), a.watch()));
                }
            }
        }
    }

    /** Stops every watch. */
    public synchronized void stopAll() {
        byFile.values().forEach(list -> list.forEach(ActiveWatch::stop));
        byFile.clear();
    }

    /** The number of watches in force. */
    public synchronized int size() {
        return byFile.values().stream().mapToInt(List::size).sum();
    }
}
