package io.twitcher.runtime.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twitcher.runtime.daemon.DaemonSettings;
import io.twitcher.runtime.daemon.Twitcher;
import io.twitcher.runtime.testing.LogCapture;
import io.twitcher.runtime.testing.ZkServerProcess;
import io.twitcher.runtime.zk.ZkSecurity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ZooKeeper authentication and TLS against real servers that require them (each in a child JVM, configured by its
 * own {@code zoo.cfg}): the daemon and {@code poke} with {@code --zk_auth_file}, {@code poke}'s ACLs, TLS to the secure
 * client port with key and trust stores made by the JDK's keytool at test time, and a node the daemon may not read.
 */
class ZkSecurityIT {
    private static final String PASSWORD = "changeit-" + ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void aServerThatRequiresDigestAuthServesTheDaemonAndPokeWithTheAuthFile() throws Exception {
        try (ZkServerProcess zk = ZkServerProcess.start(
                dir, Map.of("enforce.auth.enabled", "true", "enforce.auth.schemes", "digest"), List.of(), 0)) {
            String connect = "127.0.0.1:" + zk.port();
            Path auth = secret("auth", "digest:alice:secret\n");

            CliRun refused = CliRun.of("poke", "--zkservers", connect, "/deploy/head", "v0");
            assertEquals(1, refused.code(), refused.err());
            assertEquals(
                    "twitcher: cannot set /deploy/head on " + connect
                            + ": the server requires authentication (see --zk_auth_file, or a JAAS file for SASL).",
                    refused.err().strip());

            CliRun ok =
                    CliRun.of("poke", "--zkservers", connect, "--zk_auth_file", auth.toString(), "/deploy/head", "v1");
            assertEquals(0, ok.code(), ok.err());
            try (CuratorFramework alice = client(connect, "alice:secret")) {
                Id aliceId = new Id("digest", DigestAuthenticationProvider.generateDigest("alice:secret"));
                assertEquals(
                        List.of(
                                new ACL(ZooDefs.Perms.ALL, aliceId),
                                new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE)),
                        alice.getACL().forPath("/deploy/head"));
            }

            Path conf = Files.createDirectories(dir.resolve("conf"));
            Files.writeString(
                    conf.resolve("deploy.properties"),
                    "znode=/deploy/head\ncommand=cat >> " + dir.resolve("out") + "; echo >> " + dir.resolve("out")
                            + "\n");
            try (Twitcher daemon = new Twitcher(DaemonSettings.builder()
                    .zkServers(connect)
                    .configPath(conf)
                    .zkSecurity(new ZkSecurity(auth, false, null, null, null, null))
                    .build())) {
                daemon.start();
                await().until(() -> lines("out").contains("v1"));
                assertEquals(
                        0,
                        CliRun.of(
                                        "poke",
                                        "--zkservers",
                                        connect,
                                        "--zk_auth_file",
                                        auth.toString(),
                                        "/deploy/head",
                                        "v2")
                                .code());
                await().until(() -> lines("out").contains("v2"));
            }
        }
    }

    @Test
    void aNodeTheDaemonMayNotReadIsOneLineRetriedUntilItMay() throws Exception {
        try (TestingServer server = new TestingServer(true);
                CuratorFramework alice = client(server.getConnectString(), "alice:secret");
                LogCapture log = new LogCapture()) {
            // The poke tests leave the command's logging (warnings only) behind: this one reads an INFO line too.
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.twitcher"))
                    .setLevel(ch.qos.logback.classic.Level.INFO);
            alice.create().withACL(ZooDefs.Ids.CREATOR_ALL_ACL).forPath("/secret", "hidden".getBytes());
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Files.writeString(
                    conf.resolve("secret.properties"), "znode=/secret\ncommand=cat >> " + dir.resolve("out") + "\n");
            try (Twitcher daemon = new Twitcher(DaemonSettings.builder()
                    .zkServers(server.getConnectString())
                    .configPath(conf)
                    .build())) {
                daemon.start();
                String line = "Cannot read /secret: not allowed by its ACL (NoAuth; give the daemon credentials with"
                        + " --zk_auth_file); retrying with backoff, up to every 60 s";
                await().until(() -> log.messages().contains(line));
                List<ACL> open = new ArrayList<>(ZooDefs.Ids.CREATOR_ALL_ACL);
                open.add(new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE));
                alice.setACL().withACL(open).forPath("/secret");
                await().atMost(Duration.ofSeconds(20)).until(() -> lines("out").contains("hidden"));
                assertEquals(1, log.containing("Cannot read /secret").size(), () -> log.messages()
                        .toString());
                assertEquals(1, log.containing("Reading /secret works again").size());
            }
        }
    }

    @Test
    void tlsToTheSecureClientPortWithStoresAndPasswordsFromFiles() throws Exception {
        Path server = keyPair("server");
        Path client = keyPair("client");
        Path serverTrust = trusting("server-trust", client);
        Path clientTrust = trusting("client-trust", server);
        int securePort = InstanceSpec.getRandomPort();
        Map<String, String> cfg = Map.of(
                "secureClientPort",
                Integer.toString(securePort),
                "serverCnxnFactory",
                "org.apache.zookeeper.server.NettyServerCnxnFactory",
                "ssl.keyStore.location",
                server.toString(),
                "ssl.keyStore.password",
                PASSWORD,
                "ssl.trustStore.location",
                serverTrust.toString(),
                "ssl.trustStore.password",
                PASSWORD,
                "ssl.clientAuth",
                "need");
        try (ZkServerProcess zk = ZkServerProcess.start(dir, cfg, List.of(), securePort)) {
            String connect = "127.0.0.1:" + securePort;
            Path password = secret("password", PASSWORD + "\n");
            List<String> tls = List.of(
                    "--zk_tls",
                    "--zk_keystore",
                    client.toString(),
                    "--zk_keystore_password_file",
                    password.toString(),
                    "--zk_truststore",
                    clientTrust.toString(),
                    "--zk_truststore_password_file",
                    password.toString());

            CliRun plain = CliRun.of("poke", "--zkservers", connect, "/tls/node", "plain");
            assertEquals(
                    "twitcher: cannot reach ZooKeeper at " + connect + " within 5 seconds.",
                    plain.err().strip());
            CliRun untrusted = CliRun.of(args("poke", "--zkservers", connect, "--zk_tls", "/tls/node", "x"));
            assertEquals(
                    "twitcher: cannot reach ZooKeeper at " + connect + " within 5 seconds.",
                    untrusted.err().strip());

            List<String> poke = new ArrayList<>(List.of("poke", "--zkservers", connect));
            poke.addAll(tls);
            poke.addAll(List.of("/tls/node", "hello"));
            CliRun ok = CliRun.of(poke.toArray(String[]::new));
            assertEquals(0, ok.code(), ok.err());

            Path conf = Files.createDirectories(dir.resolve("conf"));
            Files.writeString(
                    conf.resolve("tls.properties"), "znode=/tls/node\ncommand=cat >> " + dir.resolve("out") + "\n");
            try (Twitcher daemon = new Twitcher(DaemonSettings.builder()
                    .zkServers(connect)
                    .configPath(conf)
                    .zkSecurity(new ZkSecurity(null, true, client, password, clientTrust, password))
                    .build())) {
                daemon.start();
                await().until(() -> lines("out").contains("hello"));
            }
        }
    }

    private static String[] args(String... args) {
        return args;
    }

    private static CuratorFramework client(String connect, String digest) throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.builder()
                .connectString(connect)
                .retryPolicy(new RetryOneTime(100))
                .authorization("digest", digest.getBytes(StandardCharsets.UTF_8))
                .build();
        c.start();
        c.blockUntilConnected();
        return c;
    }

    private Path secret(String name, String text) throws IOException {
        Path p = Files.writeString(dir.resolve(name), text);
        return Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    }

    private List<String> lines(String name) throws IOException {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    /** A PKCS12 key store with a fresh self-signed EC key for 127.0.0.1/localhost. */
    private Path keyPair(String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
        return store;
    }

    /** A PKCS12 trust store holding the certificate of {@code keyStore}. */
    private Path trusting(String name, Path keyStore) throws Exception {
        Path pem = dir.resolve(name + ".pem");
        String alias = keyStore.getFileName().toString().replace(".p12", "");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                alias,
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                pem.toString());
        Path store = dir.resolve(name + ".p12");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                alias,
                "-file",
                pem.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD);
        return store;
    }

    private void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }
}
