package io.twitcher.runtime;

import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The daemon as one object: plugins, the ZooKeeper connection, the config directory with its reload, the watches
 * and their running actions. {@link #start()} once, {@link #close()} once (idempotent and quiet).
 */
public final class Twitcher implements Closeable {
    private final Settings settings;

    private Twitcher(Settings settings) {
        this.settings = settings;
    }

    /** A builder with the CLI's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings this daemon runs with. */
    public Settings settings() {
        return settings;
    }

    /**
     * Loads plugins, connects to ZooKeeper (without waiting: watches arm when the connection is up), loads every
     * config file and starts watching the config directory.
     *
     * @throws IllegalStateException when already started
     * @throws StartupException      when the daemon cannot run (two plugins claim one suffix, the config directory
     *                               is not a directory); its message is one sentence
     */
    public void start() throws StartupException {
        throw new UnsupportedOperationException("not written yet");
    }

    /** Rescans the whole config directory now (what SIGHUP does). Returns at once; the rescan runs on the reload thread. */
    public void reload() {
        throw new UnsupportedOperationException("not written yet");
    }

    /** Stops watching, terminates every running action's process group (SIGKILL after the grace period), closes plugins. */
    @Override
    public void close() {
    }

    /**
     * What the daemon runs with.
     *
     * @param zkServers      ZooKeeper connect string, {@code host[:port][,host[:port]...][/chroot]}
     * @param sessionTimeout ZooKeeper session timeout
     * @param configPath     the config directory (or a single file)
     * @param pluginsDir     where plugin archives are, or {@code null} for classpath extensions only
     * @param parallelCap    the most concurrent runs of one PARALLEL watch
     * @param shutdownGrace  how long running actions get after SIGTERM at shutdown before SIGKILL
     */
    public record Settings(String zkServers, Duration sessionTimeout, Path configPath, Path pluginsDir,
                           int parallelCap, Duration shutdownGrace) {
        public Settings {
            Objects.requireNonNull(zkServers, "zkServers");
            Objects.requireNonNull(sessionTimeout, "sessionTimeout");
            Objects.requireNonNull(configPath, "configPath");
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            if (parallelCap < 1) {
                throw new IllegalArgumentException("parallelCap must be at least 1");
            }
        }
    }

    /** Builds a {@link Twitcher}. */
    public static final class Builder {
        private String zkServers = "localhost:2181";
        private Duration sessionTimeout = Duration.ofSeconds(10);
        private Path configPath = Path.of("/etc/twitcher");
        private Path pluginsDir;
        private int parallelCap = 16;
        private Duration shutdownGrace = Duration.ofSeconds(10);

        private Builder() {
        }

        public Builder zkServers(String connectString) {
            this.zkServers = connectString;
            return this;
        }

        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = timeout;
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

        public Builder parallelCap(int cap) {
            this.parallelCap = cap;
            return this;
        }

        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        public Twitcher build() {
            return new Twitcher(new Settings(zkServers, sessionTimeout, configPath, pluginsDir, parallelCap,
                    shutdownGrace));
        }
    }
}
