package io.twitcher.runtime.process;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The {@code --max_running} cap: a start takes a slot and its process's exit gives it back; starts beyond the cap
 * wait in the order they came (a fair semaphore) and say so at DEBUG. {@link #openAll} wakes every waiter at close.
 */
final class RunSlots {
    private final int max;
    private final Semaphore free;
    private volatile boolean open;

    RunSlots(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max_running must be at least 1, not " + max);
        }
        this.max = max;
        this.free = new Semaphore(max, true);
    }

    /** Takes a slot, waiting in line for one. */
    void acquire(String description) throws InterruptedException, IOException {
        // tryAcquire with a timeout honours fairness: a start never overtakes one already waiting
        if (!free.tryAcquire(0, TimeUnit.NANOSECONDS)) {
            OutputLog.ACTION.debug("\"{}\" waits to start: --max_running ({}) action processes are running",
                    description, max);
            free.acquire();
        }
        if (open) {
            free.release();
            throw new IOException("the daemon is shutting down, so \"" + description + "\" was not started");
        }
    }

    void release() {
        free.release();
    }

    /** Lets every waiter through, to find the supervisor closed. */
    void openAll() {
        open = true;
        free.release(Integer.MAX_VALUE / 2);
    }
}
