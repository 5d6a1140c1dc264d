package io.twitcher.runtime.run;

import io.twitcher.api.ProcessOutcome;
import io.twitcher.api.RunContext;
import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.process.ProcessRequest;
import io.twitcher.runtime.process.ProcessSupervisor;
import io.twitcher.runtime.process.SupervisedProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link RunContext} of one run: the node's state, and child processes through the daemon's supervisor. */
final class SupervisedRunContext implements RunContext {
    private final WatchDefinition definition;
    private final TriggerEvent event;
    private final NodeSnapshot snapshot;
    private final ProcessSupervisor supervisor;
    private final RunControl control;
    private final Long deadline;
    private final Runnable spawned;

    /** {@code spawned} runs once a child of this run exists (before its {@code started} line), for every child. */
    SupervisedRunContext(
            WatchDefinition definition,
            TriggerEvent event,
            NodeSnapshot snapshot,
            ProcessSupervisor supervisor,
            RunControl control,
            Long deadline,
            Runnable spawned) {
        this.definition = definition;
        this.event = event;
        this.snapshot = snapshot;
        this.supervisor = supervisor;
        this.control = control;
        this.deadline = deadline;
        this.spawned = spawned;
    }

    @Override
    public String znode() {
        return definition.znode();
    }

    @Override
    public String description() {
        return definition.description();
    }

    @Override
    public TriggerEvent event() {
        return event;
    }

    @Override
    public byte[] data() {
        return snapshot.data().clone();
    }

    @Override
    public int version() {
        return snapshot.version();
    }

    @Override
    public boolean pipeStdin() {
        return definition.pipeStdin();
    }

    @Override
    public InputStream stdin() {
        return new ByteArrayInputStream(definition.pipeStdin() ? snapshot.data() : new byte[0]);
    }

    @Override
    public Optional<Duration> timeout() {
        return Optional.ofNullable(definition.timeout());
    }

    /** What is left of the run's deadline for a process started now (at least 1 ms), or null for none. */
    private Duration remaining() {
        return deadline == null ? null : Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    @Override
    public ProcessOutcome exec(List<String> argv) throws IOException, InterruptedException {
        // The watch's own variables, then the daemon's TWITCHER_* (the loaders refuse those names in env).
        Map<String, String> env = new HashMap<>(definition.env());
        env.put("TWITCHER_ZNODE", definition.znode());
        env.put("TWITCHER_DESCRIPTION", definition.description());
        env.put("TWITCHER_VERSION", Integer.toString(snapshot.version()));
        env.put("TWITCHER_EVENT", event.envValue());
        SupervisedProcess process = supervisor.start(
                new ProcessRequest(
                        List.copyOf(argv),
                        definition.description(),
                        env,
                        definition.pipeStdin() ? snapshot.data() : null,
                        definition.user(),
                        definition.group(),
                        remaining()),
                spawned);
        control.attach(process);
        try {
            ProcessOutcome outcome = process.await();
            control.processEnded(outcome);
            return outcome;
        } finally {
            control.detach();
        }
    }
}
