package io.twitcher.api.testing;

import io.twitcher.api.ProcessOutcome;
import io.twitcher.api.RunContext;
import io.twitcher.api.TriggerEvent;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real, minimal {@link RunContext} for plugin tests that run in-process actions: fixed data, and no child
 * processes ({@link #exec} refuses). Shared through twitcher-api's test jar.
 */
public record FixedRunContext(
        String znode, String description, TriggerEvent event, byte[] data, int version, boolean pipeStdin)
        implements RunContext {

    /** {@code data} for {@code /test}, description "test", a CHANGED event, version 1, on stdin. */
    public static FixedRunContext of(String data) {
        return new FixedRunContext(
                "/test", "test", TriggerEvent.CHANGED, data.getBytes(StandardCharsets.UTF_8), 1, true);
    }

    public FixedRunContext withZnode(String path) {
        return new FixedRunContext(path, description, event, data, version, pipeStdin);
    }

    public FixedRunContext withDescription(String text) {
        return new FixedRunContext(znode, text, event, data, version, pipeStdin);
    }

    public FixedRunContext withEvent(TriggerEvent e) {
        return new FixedRunContext(znode, description, e, data, version, pipeStdin);
    }

    public FixedRunContext withVersion(int v) {
        return new FixedRunContext(znode, description, event, data, v, pipeStdin);
    }

    public FixedRunContext withPipeStdin(boolean pipe) {
        return new FixedRunContext(znode, description, event, data, version, pipe);
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
        throw new UnsupportedOperationException("no child processes in this test: " + argv);
    }
}
