package io.twitcher.runtime.fleet;

import io.twitcher.api.FleetControls;
import io.twitcher.api.ProcessOutcome;
import io.twitcher.api.RunResult;
import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.run.NodeSnapshot;
import io.twitcher.runtime.run.RunControl;
import io.twitcher.runtime.run.Runner;
import io.twitcher.runtime.status.WatchState;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Around each run of one watch: takes a lease of {@code fleet_limit}'s ZooKeeper semaphore first (Curator's
 * {@link InterProcessSemaphoreV2}; its lease nodes are ephemeral, so a dead machine's lease goes with its session),
 * reports the run's start and end to the watch's {@link WatchState}, and remembers a successful run's node version
 * for {@code run_on_load=if_changed}. Runs on the worker thread of the run.
 */
public final class FleetRunner implements Runner {
    private static final Logger LOG = LoggerFactory.getLogger(FleetRunner.class);

    private final WatchDefinition definition;
    private final Runner runner;
    private final WatchState state;
    private final StateDir stateDir;
    private final Supplier<NodeSnapshot> latest;
    private final InterProcessSemaphoreV2 semaphore;
    private final String semaphorePath;
    private volatile boolean closed;

    public FleetRunner(
            WatchDefinition definition,
            Runner runner,
            WatchState state,
            FleetContext context,
            Supplier<NodeSnapshot> latest) {
        this.definition = definition;
        this.runner = runner;
        this.state = state;
        this.stateDir = context.stateDir();
        this.latest = latest;
        FleetControls fleet = definition.fleet();
        this.semaphorePath = fleet.fleetLimit() > 0 ? fleet.fleetPathFor(definition.znode()) : null;
        this.semaphore = fleet.fleetLimit() > 0
                ? new InterProcessSemaphoreV2(context.client(), semaphorePath, fleet.fleetLimit())
                : null;
    }

    @Override
    public boolean run(TriggerEvent event, NodeSnapshot snapshot, RunControl control) {
        Lease lease = null;
        NodeSnapshot s = snapshot;
        if (semaphore != null) {
            lease = acquire();
            if (lease == null) {
                return false;
            }
            NodeSnapshot now = latest.get(); // the wait may have been long: run with the node's state now
            s = now.exists() ? now : s;
        }
        try {
            Instant start = state.runStarted();
            runner.run(event, s, control);
            RunResult result = control.result();
            ProcessOutcome outcome = control.processOutcome();
            boolean success = result != null && result.success();
            state.runEnded(start, success, outcome == null ? null : outcome.exitCode(), control.timedOut());
            if (success && definition.fleet().ifChanged()) {
                stateDir.remember(definition.description(), definition.znode(), s);
            }
            return success;
        } finally {
            if (lease != null) {
                try {
                    semaphore.returnLease(lease);
                } catch (RuntimeException e) {
                    LOG.debug("Returning the fleet lease of \"{}\" failed", definition.description(), e);
                }
            }
        }
    }

    /** A lease, or {@code null} when the watch stopped (or the daemon is stopping) while waiting. */
    private Lease acquire() {
        state.waiting(WatchState.Waiting.FLEET_LEASE);
        boolean logged = false;
        try {
            while (!closed) {
                try {
                    Lease lease = semaphore.acquire(logged ? 1000 : 0, TimeUnit.MILLISECONDS);
                    if (lease != null) {
                        if (logged) {
                            LOG.info("\"{}\": got a fleet lease on {}", definition.description(), semaphorePath);
                        }
                        return lease;
                    }
                    if (!logged) {
                        LOG.info(
                                "\"{}\": {} machines run it already (fleet_limit); waiting for a lease on {}",
                                definition.description(),
                                definition.fleet().fleetLimit(),
                                semaphorePath);
                        logged = true;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                } catch (Exception e) {
                    // ZooKeeper unreachable: keep the run waiting, it must not run unlimited.
                    if (!logged) {
                        LOG.warn(
                                "\"{}\": cannot take a fleet lease on {} ({}); retrying",
                                definition.description(),
                                semaphorePath,
                                e.toString());
                        logged = true;
                    }
                    Thread.sleep(1000);
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            state.waiting(WatchState.Waiting.NONE);
        }
    }

    /** A run waiting for a lease gives up; a run in progress finishes. */
    public void close() {
        closed = true;
    }
}
