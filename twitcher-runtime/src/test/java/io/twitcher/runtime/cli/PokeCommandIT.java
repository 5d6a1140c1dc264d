package io.twitcher.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PokeCommandIT {
    private static TestingServer server;
    private static CuratorFramework client;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer(true);
        client = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        client.start();
        assertTrue(client.blockUntilConnected(20, TimeUnit.SECONDS));
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void setsTheDataCreatingMissingParentsAndPrintsNothing() throws Exception {
        CliRun run = poke("/git/head", "abc123");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.out());
        assertEquals("", run.err());
        assertEquals("abc123", data("/git/head"));
        assertEquals(0, client.getData().forPath("/git").length);
    }

    @Test
    void overwritesExistingData() throws Exception {
        client.create().forPath("/existing", "old".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, poke("/existing", "new").code());
        assertEquals("new", data("/existing"));
    }

    @Test
    void omittedDataSetsEmptyData() throws Exception {
        client.create().forPath("/emptied", "something".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, poke("/emptied").code());
        assertEquals(0, client.getData().forPath("/emptied").length);
    }

    @Test
    void dashReadsTheDataFromStandardInput() throws Exception {
        byte[] binary = {0, 1, 2, (byte) 0xff, '\n', 'x'};
        CliRun run = CliRun.with(binary, s -> null, "poke", "--zkservers", server.getConnectString(), "/stdin", "-");
        assertEquals(0, run.code(), run.err());
        assertArrayEquals(binary, client.getData().forPath("/stdin"));
    }

    @Test
    void zkserversMayStandBeforeTheSubcommand() throws Exception {
        CliRun run = CliRun.of("--zkservers", server.getConnectString(), "poke", "/before", "v");
        assertEquals(0, run.code(), run.err());
        assertEquals("v", data("/before"));
    }

    @Test
    void aMissingChrootIsCreatedLikeAParent() throws Exception {
        CliRun run = CliRun.of("poke", "--zkservers", server.getConnectString() + "/chroot/prod", "/deploy", "go");
        assertEquals(0, run.code(), run.err());
        assertEquals("go", data("/chroot/prod/deploy"));
    }

    @Test
    void anUnreachableZooKeeperIsOneSentenceWithinTenSeconds() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        long started = System.nanoTime();
        CliRun run = CliRun.of("poke", "--zkservers", "127.0.0.1:" + port, "/x", "y");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        run.failsWith(1, "cannot reach ZooKeeper at 127.0.0.1:" + port + " within 5 seconds");
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    private static CliRun poke(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "poke";
        all[1] = "--zkservers";
        all[2] = server.getConnectString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all);
    }

    private static String data(String path) throws Exception {
        return new String(client.getData().forPath(path), StandardCharsets.UTF_8);
    }
}
