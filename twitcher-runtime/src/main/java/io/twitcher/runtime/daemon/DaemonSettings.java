package io.twitcher.runtime.daemon;

import io.twitcher.runtime.lifecycle.StateDirectory;
import io.twitcher.runtime.logging.LogOptions;
import io.twitcher.runtime.zk.ZkSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the daemon runs with: what the command line parsed and checked, what {@link Twitcher} starts with, and
 * what {@link Daemonizer} turns back into arguments for the detached daemon (paths made absolute, since it runs in
 * {@code /}). {@link #builder()} gives the command line's defaults, for embedding and tests.
 *
 * @param zkServers      the connect string, normalised (for {@code --embedded-zk}: {@code 127.0.0.1:PORT})
 * @param embeddedZkPort the port of the in-process ZooKeeper, or 0 for none
 * @param configPath     the config directory or file
 * @param pluginsDir     the plugins directory (it may not exist), or {@code null} for classpath extensions only
 * @param pidfile        the pidfile, or {@code null}
 * @param daemonize      detach into the background
 * @param log            where and how much to log
 * @param sessionTimeout ZooKeeper session timeout
 * @param parallelCap    the most concurrent runs of one PARALLEL watch
 * @param shutdownGrace  how long actions get between SIGTERM and SIGKILL at shutdown
 * @param httpPort       the port of {@code /metrics} and {@code /health}, 0 for any free port, -1 for none
 * @param httpBind       the address that port is bound to
 * @param controlSocket  the Unix socket {@code twitcher status} asks, or {@code null} for none
 * @param stateDir       where {@code run_on_load=if_changed} remembers what ran
 * @param logConfig      an operator's logback configuration that replaces the defaults, or {@code null}
 * @param logJson        log one JSON object a line (file and stdout)
 * @param maxRunning     the most action processes running at once, across all watches
 * @param loadTimeout    how long one config file's evaluation may take before it is rejected
 * @param allowInsecureConfigs load config files and plugins that fail the root trust rule
 * @param zkSecurity     ZooKeeper credentials and TLS
 */
public record DaemonSettings(
        String zkServers,
        int embeddedZkPort,
        Path configPath,
        Path pluginsDir,
        Path pidfile,
        boolean daemonize,
        LogOptions log,
        Duration sessionTimeout,
        int parallelCap,
        Duration shutdownGrace,
        int httpPort,
        String httpBind,
        Path controlSocket,
        Path stateDir,
        Path logConfig,
        boolean logJson,
        int maxRunning,
        Duration loadTimeout,
        boolean allowInsecureConfigs,
        ZkSecurity zkSecurity) {

    /** The default of {@code --state_dir}. */
    public static final Path DEFAULT_STATE_DIR = StateDirectory.defaultPath();

    /** The default {@link #loadTimeout}. */
    public static final Duration DEFAULT_LOAD_TIMEOUT = Duration.ofSeconds(30);

    public DaemonSettings {
        Objects.requireNonNull(httpBind, "httpBind");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(zkServers, "zkServers");
        Objects.requireNonNull(configPath, "configPath");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(loadTimeout, "loadTimeout");
        Objects.requireNonNull(zkSecurity, "zkSecurity");
        if (parallelCap < 1) {
            throw new IllegalArgumentException("parallelCap must be at least 1");
        }
        if (maxRunning < 1) {
            throw new IllegalArgumentException("maxRunning must be at least 1");
        }
    }

    /** Settings with the command line's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The plugins directory when it exists, else {@code null} (classpath extensions only). */
    public Path existingPluginsDir() {
        return pluginsDir != null && Files.isDirectory(pluginsDir) ? pluginsDir : null;
    }

    /** A copy with another pidfile. */
    public DaemonSettings withPidfile(Path path) {
        return new DaemonSettings(
                zkServers,
                embeddedZkPort,
                configPath,
                pluginsDir,
                path,
                daemonize,
                log,
                sessionTimeout,
                parallelCap,
                shutdownGrace,
                httpPort,
                httpBind,
                controlSocket,
                stateDir,
                logConfig,
                logJson,
                maxRunning,
                loadTimeout,
                allowInsecureConfigs,
                zkSecurity);
    }

    /** The arguments that run these settings in the foreground: what the detached daemon is started with. */
    public List<String> foregroundArgs() {
        return ForegroundArgs.of(this);
    }

    /** Builds {@link DaemonSettings}; every setting starts at the command line's default. */
    public static final class Builder {
        private String zkServers = "localhost:2181";
        private int embeddedZkPort;
        private Path configPath = Path.of("/etc/twitcher");
        private Path pluginsDir;
        private Path pidfile;
        private boolean daemonize;
        private LogOptions log = new LogOptions(false, false, null, false, LogOptions.DEV_LOG);
        private Duration sessionTimeout = Duration.ofSeconds(10);
        private int parallelCap = 16;
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private Duration loadTimeout = DEFAULT_LOAD_TIMEOUT;
        private int httpPort = -1;
        private String httpBind = "127.0.0.1";
        private Path controlSocket;
        private Path stateDir = DEFAULT_STATE_DIR;
        private Path logConfig;
        private boolean logJson;
        private int maxRunning = 64;
        private boolean allowInsecureConfigs;
        private ZkSecurity zkSecurity = ZkSecurity.NONE;

        private Builder() {}

        /** {@code /metrics} and {@code /health} on this port (0: any free one; -1: none). */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        public Builder httpBind(String address) {
            this.httpBind = address;
            return this;
        }

        public Builder controlSocket(Path path) {
            this.controlSocket = path;
            return this;
        }

        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        public Builder logConfig(Path file) {
            this.logConfig = file;
            return this;
        }

        public Builder logJson(boolean json) {
            this.logJson = json;
            return this;
        }

        public Builder zkServers(String connectString) {
            this.zkServers = connectString;
            return this;
        }

        public Builder embeddedZkPort(int port) {
            this.embeddedZkPort = port;
            return this;
        }

        public Builder configPath(Path path) {
            this.configPath = path;
            return this;
        }

        public Builder pluginsDir(Path dir) {
            this.pluginsDir = dir;
            return this;
        }

        public Builder pidfile(Path path) {
            this.pidfile = path;
            return this;
        }

        public Builder daemonize(boolean detach) {
            this.daemonize = detach;
            return this;
        }

        public Builder log(LogOptions options) {
            this.log = options;
            return this;
        }

        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = timeout;
            return this;
        }

        public Builder parallelCap(int cap) {
            this.parallelCap = cap;
            return this;
        }

        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        public Builder maxRunning(int max) {
            this.maxRunning = max;
            return this;
        }

        public Builder loadTimeout(Duration timeout) {
            this.loadTimeout = timeout;
            return this;
        }

        public Builder allowInsecureConfigs(boolean allow) {
            this.allowInsecureConfigs = allow;
            return this;
        }

        public Builder zkSecurity(ZkSecurity security) {
            this.zkSecurity = security;
            return this;
        }

        public DaemonSettings build() {
            return new DaemonSettings(
                    zkServers,
                    embeddedZkPort,
                    configPath,
                    pluginsDir,
                    pidfile,
                    daemonize,
                    log,
                    sessionTimeout,
                    parallelCap,
                    shutdownGrace,
                    httpPort,
                    httpBind,
                    controlSocket,
                    stateDir,
                    logConfig,
                    logJson,
                    maxRunning,
                    loadTimeout,
                    allowInsecureConfigs,
                    zkSecurity);
        }
    }
}
