package io.twitcher.runtime.lifecycle;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Curator's lifecycle idiom for a component with start and close: LATENT, then STARTED, then CLOSED, never back.
 * {@link #start()} throws on a second start or after close; {@link #close()} returns whether this call closed it, so
 * that close stays idempotent and quiet. A component that is never started can still be closed.
 */
public final class Lifecycle {
    /** The states, in the only order they are taken. */
    public enum State {
        LATENT,
        STARTED,
        CLOSED
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final String name;

    /** @param name the component's name, for the exception messages */
    public Lifecycle(String name) {
        this.name = name;
    }

    /** For a component that works from its construction on: already STARTED, so only {@link #close()} applies. */
    public static Lifecycle started(String name) {
        Lifecycle lifecycle = new Lifecycle(name);
        lifecycle.start();
        return lifecycle;
    }

    /** LATENT to STARTED. @throws IllegalStateException when already started or closed */
    public void start() {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException(
                    name + ": " + (state.get() == State.CLOSED ? "already closed" : "already started"));
        }
    }

    /** To CLOSED; true only for the call that closed it. */
    public boolean close() {
        return state.getAndSet(State.CLOSED) != State.CLOSED;
    }

    public boolean isStarted() {
        return state.get() == State.STARTED;
    }

    public boolean isClosed() {
        return state.get() == State.CLOSED;
    }
}
