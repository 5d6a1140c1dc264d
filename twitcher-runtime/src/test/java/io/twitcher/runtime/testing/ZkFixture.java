package io.twitcher.runtime.testing;

import io.twitcher.runtime.daemon.DaemonSettings;
import io.twitcher.runtime.daemon.Twitcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;

/**
 * A real ZooKeeper ({@link TestingServer}), a config directory, a client to poke nodes with, and the daemons a test
 * starts against them; {@link #close()} stops everything. Used by the runtime's ITs and by other modules' tests.
 */
public final class ZkFixture implements AutoCloseable {
    private final TestingServer server;
    private final CuratorFramework client;
    private final Path configDir;
    private final Path workDir;
    private final List<Twitcher> daemons = new ArrayList<>();

    /** Starts a server; {@code workDir} holds the config directory ({@code conf/}) and whatever tests write. */
    public ZkFixture(Path workDir) throws Exception {
        this.workDir = workDir;
        this.configDir = Files.createDirectories(workDir.resolve("conf"));
        this.server = new TestingServer(true);
        this.client = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        client.start();
        client.blockUntilConnected();
    }

    public TestingServer server() {
        return server;
    }

    public CuratorFramework client() {
        return client;
    }

    public Path configDir() {
        return configDir;
    }

    public Path workDir() {
        return workDir;
    }

    /** A path under the work directory, as a string for config files. */
    public String file(String name) {
        return workDir.resolve(name).toString();
    }

    /** Starts a daemon on this server and config directory (parallel cap 4, session 5 s). */
    public Twitcher startTwitcher() throws Exception {
        return startTwitcher(b -> b);
    }

    /** Starts a daemon with extra settings. */
    public Twitcher startTwitcher(UnaryOperator<DaemonSettings.Builder> settings) throws Exception {
        Twitcher t = new Twitcher(settings.apply(DaemonSettings.builder()
                        .zkServers(server.getConnectString())
                        .configPath(configDir)
                        .sessionTimeout(Duration.ofSeconds(5))
                        .parallelCap(4)
                        .shutdownGrace(Duration.ofSeconds(5)))
                .build());
        daemons.add(t);
        t.start();
        return t;
    }

    /** Writes a config file (relative to the config directory), atomically. */
    public Path writeConfig(String relative, String text) throws IOException {
        Path target = configDir.resolve(relative);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(workDir, "cfg", ".tmp");
        Files.writeString(tmp, text);
        return Files.move(
                tmp,
                target,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Sets a node's data, creating it and its parents. */
    public void poke(String path, String data) throws Exception {
        poke(path, data == null ? null : data.getBytes(StandardCharsets.UTF_8));
    }

    /** Sets a node's data (null data allowed), creating it and its parents. */
    public void poke(String path, byte[] data) throws Exception {
        try {
            client.setData().forPath(path, data);
        } catch (KeeperException.NoNodeException e) {
            client.create().creatingParentsIfNeeded().forPath(path, data);
        }
    }

    /** A file's lines, or none when it does not exist yet. */
    public List<String> lines(String name) {
        Path p = workDir.resolve(name);
        try {
            return Files.exists(p) ? Files.readAllLines(p) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        daemons.forEach(Twitcher::close);
        client.close();
        server.close();
    }
}
