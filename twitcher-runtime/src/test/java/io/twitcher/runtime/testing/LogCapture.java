package io.twitcher.runtime.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Records every log event of the daemon while open, to assert on what an operator would read. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    public LogCapture() {
        setName("capture");
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    /** Every formatted message so far. */
    public List<String> messages() {
        return events.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }

    /** Messages containing {@code text}. */
    public List<String> containing(String text) {
        return messages().stream().filter(m -> m.contains(text)).collect(Collectors.toList());
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
