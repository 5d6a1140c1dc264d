package io.twitcher.runtime.fleet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.run.NodeSnapshot;
import io.twitcher.runtime.status.WatchState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet gate on its own, with a timer thread the test holds: what a splay does with the updates that come during
 * it, whatever the random draw. {@link FleetControlsIT} shows the same through ZooKeeper and real runs.
 */
class FleetGateTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch timerHeld = new CountDownLatch(1);
    private final CountDownLatch letTimerGo = new CountDownLatch(1);
    private final AtomicReference<NodeSnapshot> node = new AtomicReference<>(NodeSnapshot.MISSING);
    private final List<String> handedOn = new CopyOnWriteArrayList<>();
    private WatchState state;
    private FleetGate gate;

    @BeforeEach
    void start() throws Exception {
        WatchDefinition definition = WatchDefinition.builder()
                .znode("/git/head")
                .action(ActionSpec.shell("true"))
                .splaySeconds(0.01)
                .description("splay")
                .build();
        state = new WatchState("splay", "app.properties", "/git/head", "QUEUE");
        gate = new FleetGate(
                definition,
                state,
                new FleetContext(null, timers, new StateDir(dir), null),
                node::get,
                (event, snapshot) -> handedOn.add(event + " " + data(snapshot)));
    }

    @AfterEach
    void stop() {
        letTimerGo.countDown();
        timers.shutdownNow();
    }

    /** Occupies the timer thread until {@link #letTimerGo}: no splay can end before the test says so. */
    private void holdTheTimer() throws InterruptedException {
        timers.execute(() -> {
            timerHeld.countDown();
            try {
                letTimerGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(timerHeld.await(30, TimeUnit.SECONDS));
    }

    private static NodeSnapshot version(int v) {
        return new NodeSnapshot(true, Integer.toString(v).getBytes(StandardCharsets.UTF_8), v, 100 + v);
    }

    private static String data(NodeSnapshot s) {
        return new String(s.data(), StandardCharsets.UTF_8);
    }

    /** The node's reader reads the new version, then tells the gate. */
    private void update(int v) {
        node.set(version(v));
        gate.nodeChanged(TriggerEvent.CHANGED, version(v));
    }

    @Test
    void updatesDuringTheSplayOnlyRefreshTheDataTheRunGets() throws Exception {
        holdTheTimer();
        for (int v = 1; v <= 20; v++) {
            update(v);
        }
        assertEquals(WatchState.Waiting.SPLAY, state.snapshot().waiting());
        assertEquals(List.of(), handedOn);
        letTimerGo.countDown();
        await().atMost(LONG).until(() -> handedOn.size() == 1);
        // A later update starts a splay of its own; an extra hand-on of the burst would have come before it ends.
        update(21);
        await().atMost(LONG).until(() -> handedOn.size() == 2);
        assertEquals(List.of("CHANGED 20", "CHANGED 21"), handedOn);
        WatchState.Snapshot s = state.snapshot();
        assertEquals(21, s.updates());
        assertEquals(WatchState.Waiting.NONE, s.waiting());
    }

    @Test
    void aNotificationForAVersionAlreadyHandedOnStartsNoSecondWait() throws Exception {
        holdTheTimer();
        update(1);
        // Version 2 is read before the splay ends, and its notification reaches the gate only after.
        node.set(version(2));
        letTimerGo.countDown();
        await().atMost(LONG).until(() -> handedOn.size() == 1);
        assertEquals(List.of("CHANGED 2"), handedOn);
        gate.nodeChanged(TriggerEvent.CHANGED, version(2));
        assertEquals(WatchState.Waiting.NONE, state.snapshot().waiting());
        update(3);
        await().atMost(LONG).until(() -> handedOn.size() == 2);
        assertEquals(List.of("CHANGED 2", "CHANGED 3"), handedOn);
    }
}
