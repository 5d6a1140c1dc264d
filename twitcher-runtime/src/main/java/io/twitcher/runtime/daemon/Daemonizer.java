package io.twitcher.runtime.daemon;

import io.twitcher.runtime.lifecycle.StartupException;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code --daemonize}. A JVM cannot fork, so this starts the same java command again (same JVM options, class path and
 * main class, the options made absolute and without {@code --daemonize}) as a new session under {@code setsid}, in
 * {@code /}, with stdin, stdout and stderr on {@code /dev/null}; then waits until the daemon has written its pid into
 * the pidfile, which it does once started, and returns. Without {@code --pidfile} the pidfile is
 * {@code /run/twitcher.pid} when {@code /run} is writable (root), else {@code <java.io.tmpdir>/twitcher-<user>.pid}.
 */
public final class Daemonizer {
    /** How long the daemon may take to start: loading the Jython and JRuby plugins takes a while on a slow machine. */
    static final Duration START_WAIT = Duration.ofSeconds(120);

    private static final long POLL_MS = 100;

    private Daemonizer() {}

    /** The pidfile used by {@code --daemonize} without {@code --pidfile}. */
    static Path defaultPidfile() {
        Path run = Path.of("/run");
        if (Files.isDirectory(run) && Files.isWritable(run)) {
            return run.resolve("twitcher.pid");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "twitcher-" + System.getProperty("user.name") + ".pid");
    }

    /**
     * Starts the detached daemon and waits for it to come up.
     *
     * @return 0 once the daemon wrote its pid
     * @throws StartupException when the pidfile is held, the daemon cannot be launched, exits while starting, or is too slow
     */
    public static int run(DaemonSettings settings, Class<?> mainClass, Consumer<String> warnings) {
        Path pidfile = (settings.pidfile() != null ? settings.pidfile() : defaultPidfile()).toAbsolutePath();
        Pidfile.checkFree(pidfile);
        if (settings.log().syslog() && !Files.exists(settings.log().devLog())) {
            warnings.accept(settings.log().devLog() + " does not exist and the daemon's stderr is /dev/null, so it"
                    + " will log nothing; use --logfile");
        }
        List<String> command = command(settings.withPidfile(pidfile), mainClass);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new StartupException("cannot start the daemon process (" + e.getMessage() + ")");
        }
        return awaitPid(process, pidfile);
    }

    private static int awaitPid(Process process, Path pidfile) {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        boolean exitedCleanly = false;
        try {
            while (System.nanoTime() < deadline) {
                if (Pidfile.readPid(pidfile).isPresent()) {
                    return 0;
                }
                if (!exitedCleanly && process.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                    if (process.exitValue() != 0) {
                        throw new StartupException("the daemon exited with code " + process.exitValue()
                                + " while starting; its log (syslog or --logfile) says why");
                    }
                    // Only when setsid had to fork: the daemon runs on as its grandchild.
                    exitedCleanly = true;
                } else if (exitedCleanly) {
                    Thread.sleep(POLL_MS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while waiting for the daemon to start");
        }
        process.destroy();
        throw new StartupException("the daemon did not write its pid to " + pidfile + " within "
                + START_WAIT.toSeconds() + " seconds, so it was stopped");
    }

    static List<String> command(DaemonSettings settings, Class<?> mainClass) {
        List<String> command = new ArrayList<>();
        setsid().ifPresent(command::add);
        command.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(settings.foregroundArgs());
        return command;
    }

    // Without setsid the daemon still runs, in our session: a hangup of the terminal then means a reload, not death.
    private static Optional<String> setsid() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
