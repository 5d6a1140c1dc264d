package io.twitcher.runtime.watch;

import io.twitcher.api.ActionSpec;
import io.twitcher.runtime.dispatch.Dispatcher;
import io.twitcher.runtime.fleet.FleetContext;
import io.twitcher.runtime.fleet.FleetGate;
import io.twitcher.runtime.fleet.FleetRunner;
import io.twitcher.runtime.process.ProcessSupervisor;
import io.twitcher.runtime.run.ActionRunner;
import io.twitcher.runtime.run.NodeSnapshot;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
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
        SwappableAction action = new SwappableAction(w.action());
        // The runners keep their definition for good: give them one whose inline action is the swappable one, so that
        // none of them holds on to a load's function once a reload has swapped in the next.
        var d = w.definition().action().isInline() ? w.definition().withAction(swappable(w, action)) : w.definition();
        AtomicReference<Subscription> sub = new AtomicReference<>();
        AtomicReference<ActiveWatch> self = new AtomicReference<>();
        Supplier<NodeSnapshot> latest =
                () -> sub.get() == null ? NodeSnapshot.MISSING : sub.get().latest();
        WatchState state = new WatchState(
                d.description(), file.toString(), d.znode(), d.runMode().name());
        FleetRunner runner = new FleetRunner(d, new ActionRunner(d, action, supervisor, timers), state, fleet, latest);
        // Retries outside the fleet runner: an attempt waiting to retry holds no fleet lease.
        Runner retrying = RetryingRunner.wrap(d, runner, () -> self.get().stopByPolicy(), state);
        Dispatcher dispatcher =
                Dispatcher.create(d.runMode(), retrying, workers, latest, d.notifySignal(), parallelCap, predecessor);
        FleetGate gate = new FleetGate(d, state, fleet, latest, dispatcher::trigger);
        fleet.status().watchStarted(state);
        sub.set(nodes.subscribe(d.znode(), d.watchType(), gate::nodeChanged, d.runOnLoad()));
        self.set(new ActiveWatch(
                w,
                action,
                dispatcher,
                sub.get(),
                () -> {
                    gate.close();
                    runner.close();
                },
                byPolicy -> {
                    // Stopped by its policy, it stays in status as stopped until replaced, removed or resumed.
                    if (byPolicy) {
                        state.stoppedByPolicy();
                    } else {
                        fleet.status().watchStopped(state);
                    }
                }));
        return self.get();
    }

    private static ActionSpec swappable(ResolvedWatch w, SwappableAction action) {
        ActionSpec spec = w.definition().action();
        return new ActionSpec(spec.type(), spec.params(), action, spec.fingerprint());
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
