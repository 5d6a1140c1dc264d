package io.twitcher.runtime.watch;

import io.twitcher.runtime.run.NodeSnapshot;
import io.twitcher.runtime.watch.ResolvedWatch;
import io.twitcher.runtime.run.ActionRunner;
import io.twitcher.runtime.dispatch.Dispatcher;
import io.twitcher.runtime.process.ProcessSupervisor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import io.twitcher.runtime.fleet.FleetContext;
import io.twitcher.runtime.fleet.FleetGate;
import io.twitcher.runtime.fleet.FleetRunner;
import io.twitcher.runtime.status.WatchState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watches in force, per config file. {@link #apply} swaps a file's set: a watch whose definition did not change
 * keeps running untouched (no re-run); the others stop before the new ones start, so an old definition never runs
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
    public WatchTable(NodeWatches nodes, ProcessSupervisor supervisor, ExecutorService workers,
                      ScheduledExecutorService timers, int parallelCap, FleetContext fleet) {
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
                kept.add(same);
            } else {
                added.add(w);
            }
        }
        old.forEach(ActiveWatch::stop);
        List<ActiveWatch> now = new ArrayList<>(kept);
        for (ResolvedWatch w : added) {
            now.add(start(file, w));
        }
        if (!added.isEmpty()) {
            // Changes made once a file's load is reported must be seen as changes: read the new nodes first.
            try {
                nodes.awaitArmed(ARM_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (now.isEmpty()) {
            byFile.remove(file);
        } else {
            byFile.put(file, now);
        }
        LOG.info("{}: {} watch(es) active ({} unchanged, {} started, {} stopped)", file, now.size(), kept.size(),
                added.size(), old.size());
    }

    private static ActiveWatch takeSame(List<ActiveWatch> candidates, ResolvedWatch w) {
        for (Iterator<ActiveWatch> it = candidates.iterator(); it.hasNext(); ) {
            ActiveWatch a = it.next();
            if (a.watch().definition().sameWatch(w.definition())) {
                it.remove();
                return a;
            }
        }
        return null;
    }

    private ActiveWatch start(Path file, ResolvedWatch w) {
        var d = w.definition();
        AtomicReference<Subscription> sub = new AtomicReference<>();
        Supplier<NodeSnapshot> latest = () -> sub.get() == null ? NodeSnapshot.MISSING : sub.get().latest();
        WatchState state = new WatchState(d.description(), file.toString(), d.znode(), d.runMode().name());
        FleetRunner runner = new FleetRunner(d, new ActionRunner(d, w.action(), supervisor, timers), state, fleet,
                latest);
        Dispatcher dispatcher = Dispatcher.create(d.runMode(), runner, workers, latest, d.notifySignal(), parallelCap);
        FleetGate gate = new FleetGate(d, state, fleet, latest, dispatcher::trigger);
        fleet.status().watchStarted(state);
        sub.set(nodes.subscribe(d.znode(), d.watchType(), gate::nodeChanged, d.runOnLoad()));
        return new ActiveWatch(w, dispatcher, sub.get(), () -> {
            gate.close();
            runner.close();
            fleet.status().watchStopped(state);
        });
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
