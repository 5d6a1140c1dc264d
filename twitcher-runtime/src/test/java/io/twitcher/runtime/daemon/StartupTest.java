package io.twitcher.runtime.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TransferQueue;
import org.junit.jupiter.api.Test;

/** The worker pool: bounded, and an idle thread takes the next run instead of a new thread each time. */
class StartupTest {

    @Test
    void runsOneAfterAnotherReuseIdleWorkerThreads() throws Exception {
        ExecutorService pool = Startup.boundedWorkers(128);
        TransferQueue<Runnable> queue = (TransferQueue<Runnable>) ((ThreadPoolExecutor) pool).getQueue();
        try {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 100; i++) {
                pool.submit(() -> threads.add(Thread.currentThread().getName())).get();
                // The run's result is out before its thread is idle again: wait until it waits for the next run.
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(1))
                        .until(queue::hasWaitingConsumer);
            }
            assertEquals(1, threads.size(), "threads for 100 runs one after another, each once a thread was idle");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRunsGetThreadsUpToTheBoundThenWaitInOrder() throws Exception {
        ExecutorService pool = Startup.boundedWorkers(4);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(4);
        List<Integer> order = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                runs.add(pool.submit(() -> {
                    started.countDown();
                    release.await();
                    if (n >= 4) {
                        order.add(n);
                    }
                    return null;
                }));
            }
            assertTrue(started.await(30, TimeUnit.SECONDS), "four runs started at once");
            assertEquals(4, ((ThreadPoolExecutor) pool).getPoolSize());
            release.countDown();
            for (Future<?> f : runs) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(4, ((ThreadPoolExecutor) pool).getLargestPoolSize());
            assertEquals(6, order.size(), "every waiting run ran: " + order);
        } finally {
            pool.shutdownNow();
        }
    }
}
