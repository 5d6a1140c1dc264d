package io.twitcher.runtime.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what the {@code io.twitcher.action} logger logs, through a real logback appender. */
final class ActionLogCapture {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.twitcher.action");

    void start() {
        appender.start();
        logger.addAppender(appender);
    }

    void stop() {
        logger.detachAppender(appender);
        appender.stop();
    }

    List<ILoggingEvent> events() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while adding
            return List.copyOf(appender.list);
        }
    }

    /** The stdout lines logged for one run, in order. */
    List<String> stdout(String description, long pid) {
        String prefix = description + " (" + pid + ") stdout: ";
        return events().stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith(prefix))
                .map(m -> m.substring(prefix.length()))
                .toList();
    }

    void assertLogged(Level level, String message) {
        List<ILoggingEvent> events = events();
        assertTrue(
                events.stream()
                        .anyMatch(e ->
                                e.getLevel() == level && e.getFormattedMessage().equals(message)),
                () -> "expected " + level + " '" + message + "' in "
                        + events.stream()
                                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                                .toList());
    }
}
