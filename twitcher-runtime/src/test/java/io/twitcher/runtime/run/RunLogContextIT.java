package io.twitcher.runtime.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.twitcher.runtime.testing.ZkFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every line a run logs carries the run in the MDC ({@code <description>#<run id>}), the lines of the process
 * output threads and of the exit included, so one run's lines can be picked out of a busy log.
 */
class RunLogContextIT {
    @TempDir
    Path dir;

    private ZkFixture zk;
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    // Another test in this JVM may have set up a command's logging (WARN): this one reads INFO lines.
    private final Logger twitcher = (Logger) LoggerFactory.getLogger("io.twitcher");
    private Level oldLevel;
    private final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // freezes the MDC of the logging thread
            events.add(event);
        }
    };

    @BeforeEach
    void start() throws Exception {
        oldLevel = twitcher.getLevel();
        twitcher.setLevel(Level.INFO);
        capture.setContext(root.getLoggerContext());
        capture.start();
        root.addAppender(capture);
        zk = new ZkFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
        root.detachAppender(capture);
        twitcher.setLevel(oldLevel);
    }

    @Test
    void everyLineOfARunCarriesItsDescriptionAndRunIdOnEveryThread() throws Exception {
        zk.poke("/mdc/node", "v1");
        zk.writeConfig(
                "a.properties",
                "znode=/mdc/node\ndescription=tagged\ncommand=echo out-$(cat); echo err >&2;" + " exit 3");
        zk.startTwitcher();
        await().until(() -> runEnds().size() == 1);
        zk.poke("/mdc/node", "v2");
        await().until(() -> runEnds().size() == 2);

        List<ILoggingEvent> first = linesOf("out-v1");
        String run = first.get(0).getMDCPropertyMap().get(ActionRunner.MDC_RUN);
        assertTrue(run.startsWith("tagged#"), run);
        Set<String> threads = events.stream()
                .filter(e -> run.equals(e.getMDCPropertyMap().get(ActionRunner.MDC_RUN)))
                .map(ILoggingEvent::getThreadName)
                .collect(Collectors.toSet());
        for (String text : List.of(
                "Executing process: tagged",
                "out-v1",
                "stderr: err",
                "exited with code 3",
                "Run of \"tagged\" failed")) {
            List<ILoggingEvent> lines = linesOf(text);
            assertTrue(!lines.isEmpty(), "no line containing " + text);
            assertEquals(run, lines.get(0).getMDCPropertyMap().get(ActionRunner.MDC_RUN), text);
        }
        assertTrue(threads.size() >= 2, "the output is logged on other threads than the run's: " + threads);
        String second = linesOf("out-v2").get(0).getMDCPropertyMap().get(ActionRunner.MDC_RUN);
        assertTrue(second.startsWith("tagged#"), second);
        assertNotEquals(run, second);
        // Lines outside a run carry none.
        assertTrue(linesOf("Twitcher started").stream()
                .allMatch(e -> !e.getMDCPropertyMap().containsKey(ActionRunner.MDC_RUN)));
    }

    private List<ILoggingEvent> runEnds() {
        return linesOf("Run of \"tagged\"");
    }

    private List<ILoggingEvent> linesOf(String text) {
        return events.stream()
                .filter(e -> e.getFormattedMessage().contains(text))
                .toList();
    }
}
