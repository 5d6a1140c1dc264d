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
     * goes to an idle thread when there is one, and a new thread is made only when none is idle (a plain
     * {@link ThreadPoolExecutor} with that many core threads makes a new one for every run until it has them all,
     * which cost each of the first 128 runs the making of a thread, and kept a stack for each); one thread stays, the
     * others end after 30 s idle.
     */
    static ExecutorService boundedWorkers(int threads) {
        IdleFirstQueue queue = new IdleFirstQueue();
        return new ThreadPoolExecutor(
                1, threads, 30, TimeUnit.SECONDS, queue, NamedThreads.numbered("twitcher-worker"), (run, executor) -> {
                    if (executor.isShutdown()) {
                        throw new RejectedExecutionException("the daemon is stopping");
                    }
                    queue.enqueue(run); // every thread is busy: the run waits, in order; the core thread never ends
                });
    }

    /**
     * The pool's queue: {@link #offer} hands a run straight to an idle thread, or refuses it, so that the pool makes a
     * new thread (up to its maximum) and only then queues it ({@link #enqueue}), in order.
     */
    private static final class IdleFirstQueue extends LinkedTransferQueue<Runnable> {
        @Override
        public boolean offer(Runnable run) {
            return tryTransfer(run);
        }

        void enqueue(Runnable run) {
            super.offer(run);
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
