package io.twitcher.runtime.faults;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The daemon's log during one trial, in the order the daemon wrote it ({@code doAppend} is synchronized, so the
 * list order is the order of the logging calls). Runs are put together from their begin line and their exit line,
 * which share the run id in the log context: the daemon's own view of when each run began and ended.
 */
final class DaemonLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    /** A run's beginning: logged before anything else of the run (at DEBUG; its INFO line comes after the spawn). */
    private static final Pattern BEGINS = Pattern.compile("Run begins: (\\S+) \\((\\S+) .*");

    private static final Pattern STARTED = Pattern.compile("Process \"(\\S+)\" \\((\\d+)\\) started.*");
    private static final Pattern EXIT = Pattern.compile("Process \"(\\S+)\" \\((\\d+)\\) (exited|killed).*");

    /** One run as the daemon logged it; {@code end} is -1 while it runs. */
    record Run(String runId, String description, String event, int start, int end, long pid) {}

    /** A line and its position. */
    record Line(int index, String message, String run) {}

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger runLogger = (Logger) LoggerFactory.getLogger("io.twitcher.run");
    private final Level runLoggerLevel = runLogger.getLevel();

    DaemonLog() {
        setName("fault-suite");
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
        runLogger.setLevel(Level.DEBUG);
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(new Line(
                lines.size(),
                event.getFormattedMessage(),
                event.getMDCPropertyMap().get("run")));
    }

    /** The position the next line will get: lines from here on were logged after this call. */
    int mark() {
        return lines.size();
    }

    /** The position of the first line at or after {@code from} that contains {@code text}, or -1. */
    int find(int from, String text) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).message().contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** Lines containing {@code text}. */
    List<String> containing(String text) {
        return lines.stream().map(Line::message).filter(m -> m.contains(text)).toList();
    }

    /** Every run started so far, in start order. */
    List<Run> runs() {
        Map<String, Run> runs = new LinkedHashMap<>();
        Map<String, String> runOfPid = new java.util.HashMap<>(); // description/pid -> run id
        for (Line line : lines) {
            Matcher start = BEGINS.matcher(line.message());
            if (start.matches() && line.run() != null) {
                runs.put(line.run(), new Run(line.run(), start.group(1), start.group(2), line.index(), -1, -1));
                continue;
            }
            Matcher started = STARTED.matcher(line.message());
            if (started.matches()) {
                Run r = line.run() != null ? runs.get(line.run()) : latestWithoutPid(runs, started.group(1));
                if (r == null) {
                    continue;
                }
                runs.put(
                        r.runId(),
                        new Run(
                                r.runId(),
                                r.description(),
                                r.event(),
                                r.start(),
                                -1,
                                Long.parseLong(started.group(2))));
                runOfPid.put(started.group(1) + "/" + started.group(2), r.runId());
                continue;
            }
            Matcher exit = EXIT.matcher(line.message());
            if (exit.matches()) {
                Run r = runs.get(runOfPid.remove(exit.group(1) + "/" + exit.group(2)));
                if (r != null) {
                    runs.put(
                            r.runId(),
                            new Run(r.runId(), r.description(), r.event(), r.start(), line.index(), r.pid()));
                }
            }
        }
        return new ArrayList<>(runs.values());
    }

    /** For a start line logged without the run's context: the latest run of that description with no pid yet. */
    private static Run latestWithoutPid(Map<String, Run> runs, String description) {
        Run found = null;
        for (Run r : runs.values()) {
            if (r.description().equals(description) && r.pid() < 0) {
                found = r;
            }
        }
        return found;
    }

    @Override
    public void close() {
        runLogger.setLevel(runLoggerLevel);
        root.detachAppender(this);
        stop();
    }
}
