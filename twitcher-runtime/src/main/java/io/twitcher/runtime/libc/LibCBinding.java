package io.twitcher.runtime.libc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link LibC} of this process, made once. Making it loads jffi's stub library and looks libc's functions up, a
 * fraction of what jnr-ffi's generated binding cost (59 of the 78 ms of CPU its thread took per start), and the first
 * action cannot start before it is made: the daemon's {@code main} starts it ({@code EarlyStart}) on a thread of its
 * own before anything else, so that it is made while picocli, logging and the plugins start (docs/benchmarks.md,
 * "Start-up: CPU is the critical path"). No logging here: SLF4J is not set up yet when it starts, and a logger made
 * meanwhile on another thread would be a stand-in.
 */
public final class LibCBinding {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CompletableFuture<LibC> BINDING = new CompletableFuture<>();

    private LibCBinding() {}

    /**
     * Whether actions start through posix_spawn, so that the first one needs the binding and it is made early: not with
     * {@code -Dtwitcher.spawn=setsid} (the previous spawn path, kept selectable for comparison and for tests; the
     * binding is then made at its first use, a signal or a log datagram).
     */
    public static boolean wanted() {
        return !"setsid".equals(System.getProperty("twitcher.spawn"));
    }

    /** Starts making the binding on a daemon thread when it is {@link #wanted}, unless it is made or being made. */
    public static void startInBackground() {
        if (wanted() && STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(LibCBinding::bind, "twitcher-native-init");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * The binding: made on this thread if nobody started it, else waited for.
     *
     * @throws LinkageError or RuntimeException as {@link LibC#bind} or jffi threw it when libc cannot be called
     */
    public static LibC get() {
        if (STARTED.compareAndSet(false, true)) {
            bind();
        }
        try {
            return BINDING.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static void bind() {
        try {
            BINDING.complete(LibC.bind());
        } catch (Throwable e) {
            BINDING.completeExceptionally(e);
        }
    }
}
