package io.twitcher.runtime.daemon;

import io.twitcher.runtime.config.ConfigScanner;
import io.twitcher.runtime.config.FileLoader;
import io.twitcher.runtime.lifecycle.NamedThreads;
import io.twitcher.runtime.lifecycle.StartupException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** What {@link Twitcher#start()} creates or checks that needs none of its state: the worker pool, the loaders check. */
final class Startup {
    private Startup() {}

    /**
     * The threads runs execute on: at most {@link Twitcher#MAX_WORKERS} (or twice {@code --max_running}, if more), so
     * that a burst on a node with hundreds of watches cannot make a thread per run; further runs wait in order. Idle
     * threads end after 30 s.
     */
    static ExecutorService boundedWorkers(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                NamedThreads.numbered("twitcher-worker"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
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
