package io.twitcher.runtime.cli;

import io.twitcher.runtime.logging.LogOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's command line, parsed and checked: what {@link DaemonRunner} runs with, and what {@link Daemonizer}
 * turns back into arguments for the detached daemon (paths made absolute, since it runs in {@code /}).
 *
 * @param zkServers       the connect string, normalised (for {@code --embedded-zk}: {@code 127.0.0.1:PORT})
 * @param embeddedZkPort  the port of the in-process ZooKeeper, or 0 for none
 * @param configPath      the config directory or file
 * @param pluginsDir      the plugins directory (it may not exist)
 * @param pidfile         the pidfile, or {@code null}
 * @param daemonize       detach into the background
 * @param log             where and how much to log
 * @param sessionTimeout  ZooKeeper session timeout
 * @param parallelCap     the most concurrent runs of one PARALLEL watch
 * @param shutdownGrace   how long actions get between SIGTERM and SIGKILL at shutdown
 */
record DaemonSettings(String zkServers, int embeddedZkPort, Path configPath, Path pluginsDir, Path pidfile,
                      boolean daemonize, LogOptions log, Duration sessionTimeout, int parallelCap,
                      Duration shutdownGrace) {

    /** The plugins directory when it exists, else {@code null} (classpath extensions only). */
    Path existingPluginsDir() {
        return Files.isDirectory(pluginsDir) ? pluginsDir : null;
    }

    /** A copy with another pidfile. */
    DaemonSettings withPidfile(Path path) {
        return new DaemonSettings(zkServers, embeddedZkPort, configPath, pluginsDir, path, daemonize, log,
                sessionTimeout, parallelCap, shutdownGrace);
    }

    /** The arguments that run these settings in the foreground: what the detached daemon is started with. */
    List<String> foregroundArgs() {
        List<String> args = new ArrayList<>();
        if (log.debug()) {
            args.add("--debug");
        }
        if (log.verbose()) {
            args.add("--verbose");
        }
        if (log.logfile() != null) {
            args.add("--logfile=" + log.logfile().toAbsolutePath());
        }
        if (pidfile != null) {
            args.add("--pidfile=" + pidfile.toAbsolutePath());
        }
        if (embeddedZkPort > 0) {
            args.add("--embedded-zk=" + embeddedZkPort);
        } else {
            args.add("--zkservers=" + zkServers);
        }
        args.add("--config_path=" + configPath.toAbsolutePath());
        args.add("--plugins_dir=" + pluginsDir.toAbsolutePath());
        args.add("--session_timeout=" + seconds(sessionTimeout));
        args.add("--parallel_cap=" + parallelCap);
        args.add("--shutdown_grace=" + seconds(shutdownGrace));
        return args;
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }
}
