package io.twitcher.runtime.cli;

import io.twitcher.runtime.daemon.DaemonSettings;
import io.twitcher.runtime.logging.LogOptions;
import io.twitcher.runtime.zk.ZkConnectString;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns {@link TwitcherCli}'s parsed options into {@link DaemonSettings}; {@link CliFailure} (usage) when they
 * contradict or are out of range.
 */
final class CliSettings {
    private CliSettings() {}

    static DaemonSettings daemon(TwitcherCli cli) {
        String zk = zkServers(cli, "the daemon");
        int embedded = cli.embeddedZkPort == null ? 0 : cli.embeddedZkPort;
        boolean toStdout = cli.logToStdout || cli.devel;
        boolean background = cli.daemonize && !cli.devel;
        if (background && toStdout) {
            throw CliFailure.usage(
                    "--daemonize and --log_to_stdout cannot be used together (a daemon's stdout is" + " /dev/null)");
        }
        TuningOptions tuning = cli.tuning;
        tuning.check();
        if (!cli.logFormat.equals("text") && !cli.logFormat.equals("json")) {
            throw CliFailure.usage("--log_format must be text or json, not '" + cli.logFormat + "'");
        }
        Path config = cli.logConfig;
        if (config == null && System.getProperty("logback.configurationFile") != null) {
            config = Path.of(System.getProperty("logback.configurationFile"));
        }
        if (config != null && !Files.isRegularFile(config)) {
            throw CliFailure.usage("--log_config " + config + " is not a file");
        }
        Path socket = cli.controlSocket == null
                ? StatusCommand.defaultSocket()
                : cli.controlSocket.toString().equals("none") ? null : cli.controlSocket;
        if (cli.loadTimeout.isZero()) {
            throw CliFailure.usage("--load_timeout must be greater than 0");
        }
        LogOptions log = new LogOptions(cli.debug || cli.devel, cli.verbose, cli.logfile, toStdout, LogOptions.DEV_LOG);
        return new DaemonSettings(
                zk,
                embedded,
                cli.configPath,
                cli.pluginsDir,
                cli.pidfile,
                background,
                log,
                tuning.sessionTimeout,
                tuning.parallelCap,
                tuning.shutdownGrace,
                tuning.httpPort == null ? -1 : tuning.httpPort,
                tuning.httpBind,
                socket,
                cli.stateDir,
                config,
                cli.logFormat.equals("json"),
                tuning.maxRunning,
                cli.loadTimeout,
                cli.allowInsecureConfigs,
                cli.zkSecurity());
    }

    /** The checked, normalised connect string for {@code user}; also checks it against {@code --embedded-zk}. */
    static String zkServers(TwitcherCli cli, String user) {
        Integer embeddedZkPort = cli.embeddedZkPort;
        if (embeddedZkPort != null) {
            if (embeddedZkPort < 1 || embeddedZkPort > 65535) {
                throw CliFailure.usage("--embedded-zk port must be from 1 to 65535, not " + embeddedZkPort);
            }
            if (cli.zkServers != null) {
                throw CliFailure.usage("--embedded-zk and --zkservers cannot be used together (with --embedded-zk" + " "
                        + user + " uses 127.0.0.1:" + embeddedZkPort + ")");
            }
            return "127.0.0.1:" + embeddedZkPort;
        }
        try {
            return ZkConnectString.validate(cli.zkServers == null ? TwitcherCli.DEFAULT_ZKSERVERS : cli.zkServers);
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("invalid --zkservers: " + e.getMessage());
        }
    }
}
