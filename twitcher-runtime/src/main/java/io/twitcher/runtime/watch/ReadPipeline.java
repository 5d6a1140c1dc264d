package io.twitcher.runtime.watch;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Asynchronous node reads with a bounded number in flight: after a (re)connection every watched node is read again,
 * and with 100,000 watches one synchronous read after another would take as many network round trips. Used on the
 * reader executor only (answers come back there too), so it needs no locking.
 */
final class ReadPipeline {
    private final int window;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    /** At most {@code window} reads in flight. */
    ReadPipeline(int window) {
        this.window = window;
    }

    /** Reads {@code watch} when a slot is free; {@code done} runs on the reader executor once it was answered. */
    void read(NodeWatch watch, boolean afterReconnect, Runnable done) {
        waiting.add(() -> watch.readAsync(afterReconnect, () -> {
            inFlight--;
            done.run();
            pump();
        }));
        pump();
    }

    private void pump() {
        while (inFlight < window && !waiting.isEmpty()) {
            inFlight++;
            waiting.remove().run();
        }
    }
}
