package io.twitcher.runtime.process;

import io.twitcher.runtime.lifecycle.NamedThreads;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The I/O threads of action processes, at most {@value #THREADS_PER_PROCESS} per {@code --max_running} slot: a child
 * needs one thread to write its standard input (only when it is larger than a pipe's first page), one for each of
 * stdout and stderr, and one that waits for its exit. A child keeps its slot until all four have ended, its exit and
 * the end of its output (a background process holding the output open keeps the slot), so the tasks in this pool
 * never outnumber its threads: every task gets a thread at once, and none waits in a queue behind a pump that may
 * never end.
 *
 * <p>Rejection policy: a task finds every thread taken only when a thread has just finished the last task of an
 * exited child (whose slot it gave back) and has not yet asked for the next one. The submitter then waits for a
 * thread to ask: it is about to, and depends on nothing the submitter holds, so this cannot deadlock, and the task
 * is never dropped (output is never lost). Once the pool is shut down, the task is rejected and the caller runs it on
 * a thread of its own.
 */
final class IoPool implements Executor {
    static final int THREADS_PER_PROCESS = 4;

    private final ThreadPoolExecutor pool;

    IoPool(int maxRunning) {
        this.pool = new ThreadPoolExecutor(
                0,
                THREADS_PER_PROCESS * maxRunning,
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                NamedThreads.numbered("twitcher-process-io"),
                IoPool::handOver);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** The most threads the pool may have. */
    int maximumThreads() {
        return pool.getMaximumPoolSize();
    }

    /** The most threads the pool has had at once. */
    int largestThreads() {
        return pool.getLargestPoolSize();
    }

    void shutdown() {
        pool.shutdown();
    }

    private static void handOver(Runnable task, ThreadPoolExecutor executor) {
        boolean interrupted = false;
        try {
            while (!executor.isShutdown()) {
                try {
                    if (executor.getQueue().offer(task, 50, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // the task must still run: keep handing it over, restore the flag after
                }
            }
            throw new RejectedExecutionException("the process I/O pool is shut down");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
