package io.twitcher.runtime.lifecycle;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads for the runtime's executors: a stuck action or child must never keep the JVM alive. */
public final class NamedThreads {
    private NamedThreads() {}

    /** Threads named {@code prefix-1}, {@code prefix-2}, ... */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return task -> daemon(task, prefix + "-" + counter.incrementAndGet());
    }

    /** Every thread named {@code name} (for single-thread executors). */
    public static ThreadFactory single(String name) {
        return task -> daemon(task, name);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
