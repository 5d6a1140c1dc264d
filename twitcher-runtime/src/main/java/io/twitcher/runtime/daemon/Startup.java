package io.twitcher.runtime.daemon;

import io.twitcher.runtime.config.ConfigScanner;
import io.twitcher.runtime.config.FileLoader;
import io.twitcher.runtime.lifecycle.NamedThreads;
import io.twitcher.runtime.lifecycle.StartupException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** What {@link Twitcher#start()} creates or checks that needs none of its state: the worker pool, the loaders check. */
final class Startup {
    private Startup() {}

    /**
     * The threads runs execute on: at most {@link Twitcher#MAX_WORKERS} (or twice {@code --max_running}, if more), so
     * that a burst on a node with hundreds of watches cannot make a thread per run; further runs wait in order. A run
     * goes to an idle thread when there is one, and only otherwise to a new thread (a plain pool with a fixed core
     * size starts a new thread for every task until it has them all: 10,000 runs one after another made 130 threads
     * and grew the RSS by 15 MiB, docs/benchmarks.md). Idle threads end after 30 s.
     */
    static ExecutorService boundedWorkers(int threads) {
        IdleFirstQueue queue = new IdleFirstQueue();
        return new ThreadPoolExecutor(
                0, threads, 30, TimeUnit.SECONDS, queue, NamedThreads.numbered("twitcher-worker"), (task, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("the worker pool is shut down");
                    }
                    queue.waitInLine(task); // every thread is busy: the run waits for one, in order
                });
    }

    /**
     * The pool's queue: it takes a task only when an idle thread is waiting for one, so that the pool makes a new
     * thread (up to its maximum) rather than queueing while it has fewer; once at its maximum, tasks wait here.
     */
    private static final class IdleFirstQueue extends LinkedTransferQueue<Runnable> {
        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        void waitInLine(Runnable task) {
            super.offer(task);
        }
    }

    /** A config file whose language's plugin did not load would silently define no watches: refuse to start. */
    static void requireLoaders(Path configPath, FileLoader fileLoader) throws IOException {
        List<Path> unclaimed = ConfigScanner.unclaimedConfigFiles(configPath, fileLoader::claims);
        if (!unclaimed.isEmpty()) {
            throw new StartupException("no config loader claims " + unclaimed.get(0)
                    + (unclaimed.size() > 1 ? " (and " + (unclaimed.size() - 1) + " more)" : "")
                    + ": the plugin for its language is missing"
                    + " or did not load (see the plugin lines above)");
        }
    }
}
