package io.twitcher.runtime.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Configures logback in code from the command line's options, replacing whatever logback configured itself with:
 * syslog through {@code /dev/log} by default, or a file and/or stdout. Levels: INFO; {@code -v} makes Twitcher's own
 * loggers DEBUG; {@code -d} makes everything DEBUG. ZooKeeper and Curator stay at WARN unless {@code -d}: at INFO
 * they log every connection attempt.
 */
public final class LogSetup {
    /** The layout of file, stdout and stderr lines. */
    /** The default layout without the run's MDC (for a logger context that has none). */
    static final String PATTERN_WITHOUT_MDC = "%d{ISO8601} %-5level [%thread] %logger{20}: %msg%n";
    /** The default layout: the run ({@code <description>#<id>}) in brackets after the logger, when there is one. */
    public static final String PATTERN =
            "%d{ISO8601} %-5level [%thread] %logger{20}:%replace( [%X{run}]){' \\[\\]', ''} %msg%n";
    /** The layout of a subcommand's warnings on stderr. */
    static final String COMMAND_PATTERN = "twitcher: %msg%n";
    /** Chatty third-party loggers kept at WARN. */
    static final List<String> QUIET_LOGGERS = List.of("org.apache.zookeeper", "org.apache.curator");

    private final FileAppender<ILoggingEvent> fileAppender;

    private LogSetup(FileAppender<ILoggingEvent> fileAppender) {
        this.fileAppender = fileAppender;
    }

    /**
     * Configures logging for the daemon.
     *
     * @throws IOException with a one-sentence message when the log file cannot be written
     */
    public static LogSetup configure(LogOptions options) throws IOException {
        return configure(options, null, false);
    }

    /**
     * Configures logging for the daemon: with {@code logConfig}, that logback configuration file alone (the
     * operator's replaces every default, levels included); else the built-in set-up, with {@code json} one JSON object
     * a line (logback's {@link JsonEncoder}, the run's MDC included) on the file and stdout.
     *
     * @throws IOException with a one-sentence message when the log file cannot be written or the configuration
     *                     file has errors
     */
    public static LogSetup configure(LogOptions options, Path logConfig, boolean json) throws IOException {
        if (logConfig != null) {
            LoggerContext context = reset();
            context.getStatusManager().clear(); // only this file's errors count
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(context);
            try {
                joran.doConfigure(logConfig.toFile());
            } catch (JoranException e) {
                // reported below through the status manager, with the first error's message
            }
            for (Status status : context.getStatusManager().getCopyOfStatusList()) {
                if (status.getLevel() == Status.ERROR) {
                    throw new IOException("cannot use the log configuration " + logConfig + " ("
                            + status.getMessage() + ")");
                }
            }
            return new LogSetup(null);
        }
        if (options.logfile() != null) {
            checkWritable(options.logfile());
        }
        LoggerContext context = reset();
        levels(context, options.debug(), options.verbose());
        if (!options.debug()) {
            ZooKeeperChatter chatter = new ZooKeeperChatter();
            chatter.setContext(context);
            chatter.start();
            context.addTurboFilter(chatter);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        FileAppender<ILoggingEvent> file = null;
        if (options.syslog() && JournalAppender.available()) {
            JournalAppender journal = new JournalAppender();
            journal.setName("journal");
            journal.setContext(context);
            journal.start();
            root.addAppender(journal);
        } else if (options.syslog()) {
            DevLogAppender syslog = new DevLogAppender();
            syslog.setName("syslog");
            syslog.setContext(context);
            syslog.setSocketPath(options.devLog());
            syslog.start();
            root.addAppender(syslog);
        }
        if (options.logfile() != null) {
            file = new FileAppender<>();
            file.setName("file");
            file.setContext(context);
            file.setFile(options.logfile().toString());
            file.setAppend(true);
            file.setEncoder(json ? json(context) : encoder(context, PATTERN));
            file.start();
            root.addAppender(file);
        }
        if (options.stdout()) {
            root.addAppender(json ? console(context, "System.out", json(context)) : console(context, "System.out",
                    PATTERN));
        }
        return new LogSetup(file);
    }

    /** Configures logging for a subcommand ({@code check}, {@code poke}): warnings only, on stderr, unless debug. */
    public static void configureForCommand(boolean debug) {
        LoggerContext context = reset();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(debug ? Level.DEBUG : Level.WARN);
        for (String name : QUIET_LOGGERS) {
            // Their warnings about an unreachable server are stack traces; the command reports it in one sentence.
            context.getLogger(name).setLevel(debug ? Level.DEBUG : Level.OFF);
        }
        root.addAppender(console(context, "System.err", debug ? PATTERN : COMMAND_PATTERN));
    }

    /** Reopens the log file (after logrotate moved it); a no-op without {@code --logfile}. Called on SIGHUP. */
    public void reopen() {
        if (fileAppender != null) {
            fileAppender.stop();
            fileAppender.start();
        }
    }

    private static LoggerContext reset() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        return context;
    }

    private static void levels(LoggerContext context, boolean debug, boolean verbose) {
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(debug ? Level.DEBUG : Level.INFO);
        context.getLogger("io.twitcher").setLevel(debug || verbose ? Level.DEBUG : null);
        for (String name : QUIET_LOGGERS) {
            context.getLogger(name).setLevel(debug ? null : Level.WARN);
        }
        // PF4J logs a failing plugin with its stack trace; the registry reports it in one line of its own.
        context.getLogger("org.pf4j").setLevel(debug ? null : Level.OFF);
    }

    private static Appender<ILoggingEvent> console(LoggerContext context, String target, String pattern) {
        return console(context, target, encoder(context, pattern));
    }

    private static Appender<ILoggingEvent> console(LoggerContext context, String target,
                                                   ch.qos.logback.core.encoder.Encoder<ILoggingEvent> encoder) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setName(target);
        console.setContext(context);
        console.setTarget(target);
        console.setEncoder(encoder);
        console.start();
        return console;
    }

    private static JsonEncoder json(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithContext(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.start();
        return encoder;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static void checkWritable(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.flush();
        } catch (IOException e) {
            throw new IOException("cannot write the log file " + file + " (" + reasonOf(e) + ")", e);
        }
    }

    private static String reasonOf(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
