package io.twitcher.plugin.action.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.RunResult;
import io.twitcher.api.testing.FixedRunContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks to an HTTPS server whose self-signed certificate keytool makes for the test. */
class HttpsActionIT {
    private static final String STORE_PASSWORD = "server-pass";
    private static final String TRUST_PASSWORD = "trust-pass";

    @TempDir
    static Path dir;

    private static HookServer server;
    private static Path truststore;

    @BeforeAll
    static void startHttpsServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path cert = dir.resolve("server.cer");
        truststore = dir.resolve("trust.jks");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
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
                keystore.toString(),
                "-storepass",
                STORE_PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                "server",
                "-keystore",
                keystore.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-file",
                cert.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "server",
                "-file",
                cert.toString(),
                "-storetype",
                "JKS",
                "-keystore",
                truststore.toString(),
                "-storepass",
                TRUST_PASSWORD);

        KeyStore keys = KeyStore.getInstance(keystore.toFile(), STORE_PASSWORD.toCharArray());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        server = HookServer.https(context);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, p.exitValue(), "keytool " + String.join(" ", args) + ": " + output);
    }

    @Test
    void httpsServerIsTrustedThroughTheConfiguredTrustStore() throws Exception {
        int before = server.received();
        var action = new HttpActionType()
                .create(Map.of(
                        "url",
                        server.url("https"),
                        "truststore",
                        truststore.toString(),
                        "truststore_password",
                        TRUST_PASSWORD));

        assertEquals(RunResult.ok("HTTP 200"), action.run(context("over tls")));
        assertEquals(before + 1, server.received());
        assertEquals(
                "over tls", server.requests().get(server.requests().size() - 1).text());
    }

    @Test
    void httpsServerWithUnknownCertificateIsRejectedWithoutTheTrustStore() throws Exception {
        int before = server.received();
        var action = new HttpActionType().create(Map.of("url", server.url("https"), "backoff", 0.01));

        RunResult result = action.run(context("over tls"));

        assertFalse(result.success());
        assertTrue(result.detail().startsWith("TLS handshake with 127.0.0.1 failed: "), result.detail());
        assertFalse(result.detail().contains("attempts"), "a certificate failure is not retried: " + result.detail());
        assertEquals(before, server.received());
    }

    /** The run context of these tests: {@code data} for /git/head, watch "deploy", version 7. */
    private static FixedRunContext context(String data) {
        return FixedRunContext.of(data)
                .withZnode("/git/head")
                .withDescription("deploy")
                .withVersion(7);
    }
}
