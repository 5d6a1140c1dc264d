package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ProcessOutcome;
import io.twitcher.api.RunContext;
import io.twitcher.api.TriggerEvent;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A real, minimal run context for in-process actions: fixed data, no child processes. */
record TestRunContext(String znode, byte[] data, boolean pipeStdin) implements RunContext {

    static TestRunContext of(String data) {
        return new TestRunContext("/x", data.getBytes(StandardCharsets.UTF_8), true);
    }

    @Override
    public String description() {
        return "test";
    }

    @Override
    public TriggerEvent event() {
        return TriggerEvent.CHANGED;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public InputStream stdin() {
        return new ByteArrayInputStream(pipeStdin ? data : new byte[0]);
    }

    @Override
    public Optional<Duration> timeout() {
        return Optional.empty();
    }

    @Override
    public ProcessOutcome exec(List<String> argv) {
        throw new UnsupportedOperationException("no processes in this test");
    }
}
