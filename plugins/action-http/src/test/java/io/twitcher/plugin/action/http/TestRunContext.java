package io.twitcher.plugin.action.http;

import io.twitcher.api.ProcessOutcome;
import io.twitcher.api.RunContext;
import io.twitcher.api.TriggerEvent;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A run's context as the daemon would hand it to an in-process action; it runs no process. */
record TestRunContext(String znode, String description, TriggerEvent event, byte[] data, int version,
                      boolean pipeStdin) implements RunContext {

    static TestRunContext of(String data) {
        return new TestRunContext("/git/head", "deploy", TriggerEvent.CHANGED, data.getBytes(StandardCharsets.UTF_8),
                7, true);
    }

    TestRunContext withPipeStdin(boolean pipe) {
        return new TestRunContext(znode, description, event, data, version, pipe);
    }

    TestRunContext withDescription(String text) {
        return new TestRunContext(znode, text, event, data, version, pipeStdin);
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
        throw new UnsupportedOperationException("an http action runs no process");
    }
}
