package io.twitcher.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault tests restart ZooKeeper servers on their old ports; one that finds its port taken must not end the test
 * JVM (ZooKeeper's embedded server, which Curator's {@code TestingServer} runs, calls {@code System.exit(2)} from the
 * server's thread), so that the test can start it again. The server here is ZooKeeper's embedded one as Curator
 * builds it (default exit handler), with a short start timeout.
 */
@ExtendWith(ZooKeeperExitGuard.ForClass.class) // a restarted server must not end the test JVM
class ZooKeeperExitGuardIT {
    @TempDir
    Path dir;

    @Test
    void aServerStartedOnATakenPortFailsWithoutEndingTheJvmAndStartsOnceThePortIsFree() throws Exception {
        try (ServerSocket holder = new ServerSocket()) {
            holder.setReuseAddress(true);
            holder.bind(new InetSocketAddress(0));
            int port = holder.getLocalPort();
            try (ZooKeeperServerEmbedded server = server(port, "taken")) {
                assertThrows(Exception.class, () -> server.start(3000));
            }
            holder.close();
            try (ZooKeeperServerEmbedded server = server(port, "free")) {
                server.start(30_000);
                try (Socket client = new Socket()) {
                    client.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                    assertTrue(client.isConnected());
                }
            }
        }
    }

    private ZooKeeperServerEmbedded server(int port, String name) throws Exception {
        Path base = java.nio.file.Files.createDirectories(dir.resolve(name));
        Properties config = new Properties();
        config.put("dataDir", base.resolve("data").toString());
        config.put("clientPort", Integer.toString(port));
        config.put("tickTime", "1000");
        config.put("admin.enableServer", "false");
        return ZooKeeperServerEmbedded.builder()
                .configuration(config)
                .baseDir(base)
                .build();
    }
}
