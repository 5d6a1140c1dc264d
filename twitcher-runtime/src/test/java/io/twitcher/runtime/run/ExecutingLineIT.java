package io.twitcher.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.twitcher.api.Action;
import io.twitcher.api.ActionSpec;
import io.twitcher.api.RunContext;
import io.twitcher.api.RunResult;
import io.twitcher.api.TriggerEvent;
import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.process.ProcessSupervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A run's first line, {@code Executing process}, is logged once its process runs (nothing that can wait delays the
 * spawn), still before the process's own lines, and before the failure of a process that could not start; an action
 * without a process gets it before it runs. At DEBUG, {@code Run begins} marks the run's start before the spawn.
 * Real child processes under a real supervisor.
 */
class ExecutingLineIT {
    private static final Pattern STARTED = Pattern.compile("Process \"(\\S+)\" \\((\\d+)\\) started");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** The daemon's child processes when the {@code Executing process} line was logged. */
    private final List<Set<Long>> childrenAtExecuting = new CopyOnWriteArrayList<>();
    /** The same when the DEBUG {@code Run begins} line was logged. */
    private final List<Set<Long>> childrenAtBegins = new CopyOnWriteArrayList<>();

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private final UnsynchronizedAppenderBase<ILoggingEvent> capture = new UnsynchronizedAppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
            if (e.getFormattedMessage().startsWith("Executing process")) {
                childrenAtExecuting.add(children());
            } else if (e.getFormattedMessage().startsWith("Run begins")) {
                childrenAtBegins.add(children());
            }
            lines.add(e.getFormattedMessage());
        }
    };
    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger("io.twitcher.run"), (Logger)
            LoggerFactory.getLogger("io.twitcher.action"));
    private ProcessSupervisor supervisor;
    private ScheduledExecutorService timers;

    private final List<Level> levels = new ArrayList<>();

    @BeforeEach
    void setUp() {
        capture.setContext(loggers.get(0).getLoggerContext());
        capture.start();
        for (Logger l : loggers) {
            levels.add(l.getLevel());
            l.setLevel(Level.INFO); // whatever an earlier test in this JVM left
            l.addAppender(capture);
        }
        supervisor = new ProcessSupervisor(Duration.ofSeconds(1));
        timers = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(capture);
            loggers.get(i).setLevel(levels.get(i));
        }
        supervisor.close();
        timers.shutdownNow();
    }

    @Test
    void aProcessIsRunningWhenItsExecutingLineIsLoggedWhichStillComesBeforeItsStartedLine() throws Exception {
        assertTrue(run("sleeper", processAction(List.of("sleep", "0.5"))));

        int executing = indexOf("Executing process: sleeper");
        int started = indexOf("Process \"sleeper\" (");
        assertTrue(executing >= 0 && started > executing, () -> "in this order: " + lines);
        long pid = pidOf("sleeper");
        assertTrue(
                childrenAtExecuting.get(0).contains(pid),
                () -> "process " + pid + " was not running yet when its run said so: " + childrenAtExecuting);
    }

    @Test
    void atDebugARunBeginsLineComesFirstBeforeTheSpawnAndAtInfoItIsNotWritten() throws Exception {
        assertTrue(run("quiet", processAction(List.of("true"))));
        assertEquals(-1, indexOf("Run begins"), lines::toString);

        loggers.get(0).setLevel(Level.DEBUG);
        assertTrue(run("sleeper", processAction(List.of("sleep", "0.5"))));
        int begins = indexOf("Run begins: sleeper (changed /t, version 1)");
        int executing = indexOf("Executing process: sleeper");
        assertTrue(begins >= 0 && executing > begins, () -> "in this order: " + lines);
        assertTrue(lines.subList(0, begins).stream().noneMatch(l -> l.contains("sleeper")), lines::toString);
        long pid = pidOf("sleeper");
        assertFalse(
                childrenAtBegins.get(0).contains(pid),
                () -> "process " + pid + " was already running when its run began: " + childrenAtBegins);
    }

    @Test
    void aProcessThatCannotStartHasItsExecutingLineBeforeTheFailure() throws Exception {
        assertFalse(run("missing", processAction(List.of("no-such-program-xyz"))));

        int executing = indexOf("Executing process: missing");
        int failed = indexOf("Action \"missing\" failed");
        assertTrue(executing >= 0 && failed > executing, () -> "in this order: " + lines);
        assertEquals(
                1, lines.stream().filter(l -> l.startsWith("Executing process")).count(), lines::toString);
    }

    @Test
    void anActionWithoutAProcessHasItsExecutingLineBeforeItRuns() throws Exception {
        AtomicBoolean saidBefore = new AtomicBoolean();
        Action inProcess = context -> {
            saidBefore.set(indexOf("Executing process: inline") >= 0);
            return RunResult.ok("done");
        };
        assertTrue(run("inline", inProcess));

        assertTrue(saidBefore.get(), lines::toString);
        assertEquals(
                1, lines.stream().filter(l -> l.startsWith("Executing process")).count(), lines::toString);
    }

    private boolean run(String description, Action action) throws Exception {
        WatchDefinition d = WatchDefinition.builder()
                .znode("/t")
                .action(ActionSpec.inline("test", action))
                .description(description)
                .build();
        return new ActionRunner(d, action, supervisor, timers)
                .run(TriggerEvent.CHANGED, new NodeSnapshot(true, new byte[0], 1, 1), new RunControl());
    }

    /** The pid in the {@code started} line of {@code description}'s process. */
    private long pidOf(String description) {
        String line = lines.get(indexOf("Process \"" + description + "\" ("));
        Matcher m = STARTED.matcher(line);
        assertTrue(m.find(), line);
        return Long.parseLong(m.group(2));
    }

    private int indexOf(String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** Starts {@code argv} through the run's context, as the exec plugin's actions do. */
    private static Action processAction(List<String> argv) {
        return new Action() {
            @Override
            public RunResult run(RunContext context) throws Exception {
                return RunResult.of(context.exec(argv));
            }

            @Override
            public boolean runsProcess() {
                return true;
            }
        };
    }
}
