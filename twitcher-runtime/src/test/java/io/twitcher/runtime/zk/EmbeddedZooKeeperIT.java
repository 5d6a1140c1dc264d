package io.twitcher.runtime.zk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;

class EmbeddedZooKeeperIT {

    @Test
    void servesClientsOnLoopbackAndFreesThePortAndItsDataAtClose() throws Exception {
        int port = freePort();
        EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(port);
        try {
            assertEquals("127.0.0.1:" + port, zk.connectString());
            assertTrue(Files.isDirectory(zk.dataDir()));
            try (CuratorFramework client = client(zk.connectString())) {
                client.create()
                        .creatingParentsIfNeeded()
                        .forPath("/twitcher/demo", "hi".getBytes(StandardCharsets.UTF_8));
                assertArrayEquals(
                        "hi".getBytes(StandardCharsets.UTF_8), client.getData().forPath("/twitcher/demo"));
            }
        } finally {
            zk.close();
        }
        assertFalse(Files.exists(zk.dataDir()), "data directory left behind");
        await().atMost(Duration.ofSeconds(10)).until(() -> canBind(port));
        zk.close();
    }

    @Test
    void startsAgainOnTheSamePortWithEmptyData() throws Exception {
        int port = freePort();
        try (EmbeddedZooKeeper first = EmbeddedZooKeeper.start(port);
                CuratorFramework client = client(first.connectString())) {
            client.create().forPath("/left-over");
        }
        try (EmbeddedZooKeeper second = EmbeddedZooKeeper.start(port);
                CuratorFramework client = client(second.connectString())) {
            assertEquals(null, client.checkExists().forPath("/left-over"));
        }
    }

    @Test
    void aPortInUseIsOneSentence() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            IOException e = assertThrows(IOException.class, () -> EmbeddedZooKeeper.start(taken.getLocalPort()));
            assertEquals(
                    "port " + taken.getLocalPort() + " on 127.0.0.1 is already in use, so the embedded ZooKeeper"
                            + " cannot listen there (choose another with --embedded-zk=PORT)",
                    e.getMessage());
        }
    }

    private static CuratorFramework client(String connectString) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.newClient(connectString, new RetryOneTime(100));
        client.start();
        assertTrue(client.blockUntilConnected(20, TimeUnit.SECONDS), "no connection to " + connectString);
        return client;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
