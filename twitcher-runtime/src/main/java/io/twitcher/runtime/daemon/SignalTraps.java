package io.twitcher.runtime.daemon;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * POSIX signal handlers for the foreground daemon, through {@code sun.misc.Signal} (the only way on the JVM to act on
 * SIGHUP without exiting, and to turn SIGTERM into an orderly stop with exit code 0). {@link #restore()} puts the
 * JVM's own handlers back. Handlers run on the JVM's signal dispatch thread.
 */
final class SignalTraps {
    private static final Logger LOG = LoggerFactory.getLogger(SignalTraps.class);

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    /** Runs {@code action} on signal {@code name} ("TERM", "INT", "HUP"); logs a warning if the JVM refuses. */
    synchronized void trap(String name, Runnable action) {
        try {
            Signal signal = new Signal(name);
            SignalHandler old = Signal.handle(signal, s -> action.run());
            previous.putIfAbsent(signal, old);
        } catch (IllegalArgumentException e) {
            // The JVM runs with -Xrs or the signal is reserved: the shutdown hook still stops the daemon cleanly.
            LOG.warn("Cannot handle SIG{}: {}", name, e.getMessage());
        }
    }

    /** Reinstalls the handlers that were there before. */
    synchronized void restore() {
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException e) {
                LOG.debug("Cannot restore the handler of SIG{}: {}", signal.getName(), e.getMessage());
            }
        });
        previous.clear();
    }
}
