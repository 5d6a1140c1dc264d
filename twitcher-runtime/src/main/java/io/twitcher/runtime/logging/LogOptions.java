package io.twitcher.runtime.logging;

import java.nio.file.Path;

/**
 * Where the daemon logs and how much. With neither {@code logfile} nor {@code stdout} it logs to syslog through
 * {@code devLog}; with one or both it logs there instead.
 *
 * @param debug   DEBUG everywhere, ZooKeeper and Curator included ({@code -d})
 * @param verbose DEBUG for Twitcher's own loggers ({@code -v})
 * @param logfile a file to append to, or {@code null}
 * @param stdout  log to standard output
 * @param devLog  the syslog socket, normally {@code /dev/log}
 */
public record LogOptions(boolean debug, boolean verbose, Path logfile, boolean stdout, Path devLog) {
    /** The syslog socket every Linux syslog daemon listens on. */
    public static final Path DEV_LOG = Path.of("/dev/log");

    /** Whether events go to syslog. */
    public boolean syslog() {
        return logfile == null && !stdout;
    }
}
