package io.twitcher.runtime.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.awaitility.Awaitility;

/**
 * A real ZooKeeper server in a child JVM, configured by a {@code zoo.cfg}: for servers that require authentication or
 * TLS, whose settings ZooKeeper reads from system properties, which must not leak into the test JVM's own clients.
 */
public final class ZkServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ZkServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a server with {@code settings} added to a minimal {@code zoo.cfg} ({@code clientPort} included unless
     * given) and waits until it serves on its client port and {@code waitPort} (the client or secure port) accepts
     * connections.
     */
    public static ZkServerProcess start(Path dir, Map<String, String> settings, List<String> jvmOptions, int waitPort)
            throws IOException {
        Path data = Files.createDirectories(dir.resolve("zk-data"));
        int port = settings.containsKey("clientPort")
                ? Integer.parseInt(settings.get("clientPort"))
                : InstanceSpec.getRandomPort();
        StringBuilder cfg = new StringBuilder(
                "tickTime=500\ninitLimit=10\nsyncLimit=5\nadmin.enableServer=false\n" + "dataDir=" + data + "\n");
        if (!settings.containsKey("clientPort")) {
            cfg.append("clientPort=").append(port).append('\n');
        }
        if (!settings.containsKey("4lw.commands.whitelist")) {
            cfg.append("4lw.commands.whitelist=srvr\n");
        }
        settings.forEach((k, v) -> cfg.append(k).append('=').append(v).append('\n'));
        Path zooCfg = Files.writeString(dir.resolve("zoo.cfg"), cfg);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx128m",
                "-XX:+UseSerialGC"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("org.apache.zookeeper.server.ZooKeeperServerMain", zooCfg.toString()));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("zk-server.log").toFile())
                .start();
        ZkServerProcess server = new ZkServerProcess(p, port);
        int target = waitPort > 0 ? waitPort : port;
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> !p.isAlive() || serving(port) && accepts(target));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        if (!p.isAlive()) {
            throw new IOException("the ZooKeeper server exited: " + Files.readString(dir.resolve("zk-server.log")));
        }
        return server;
    }

    /**
     * Whether the server answers {@code srvr} on the plain client port as one that serves requests. Its ports accept
     * connections before it serves, and a session opened then is closed or never answered: a client of the test that
     * connected as soon as the port accepted failed with "cannot reach ZooKeeper". A probe that hangs is given up.
     */
    private static boolean serving(int port) {
        try {
            return FourLetterWordMain.send4LetterWord("127.0.0.1", port, "srvr", false, 1000)
                    .startsWith("Zookeeper version");
        } catch (Exception e) { // IOException, or X509Exception, which a plain probe never throws
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The plain client port. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
