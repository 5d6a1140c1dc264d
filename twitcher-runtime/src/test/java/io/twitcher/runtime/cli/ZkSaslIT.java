package io.twitcher.runtime.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.twitcher.runtime.testing.ZkServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SASL (DIGEST-MD5) against a real ZooKeeper server that requires it ({@code zookeeper.sessionRequireClientSASLAuth}):
 * the daemon and {@code poke} authenticate through a JAAS file named by the JVM option
 * {@code -Djava.security.auth.login.config}, section {@code Client}, as the README says. JAAS configuration is
 * JVM-global, so the server, the daemons and each {@code poke} run in child JVMs of their own.
 */
class ZkSaslIT {
    private static final Duration LONG = Duration.ofSeconds(60);
    /** What the server logs when a client's SASL login fails. */
    private static final String SERVER_REFUSED = "failed to SASL authenticate";

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServerThatRequiresSaslServesTheDaemonAndPokeWithAJaasClientSection() throws Exception {
        try (ZkServerProcess zk = saslServer()) {
            String connect = "127.0.0.1:" + zk.port();
            Path alice = jaas("alice", "secret");

            Result plain = cli(null, "poke", "--zkservers", connect, "/sasl/head", "v0");
            assertEquals(1, plain.code(), plain.output());
            assertEquals(
                    "twitcher: cannot set /sasl/head on " + connect
                            + ": the server requires authentication (see --zk_auth_file, or a JAAS file for SASL).",
                    plain.output().strip());

            Result created =
                    cli(alice, "poke", "--zkservers", connect, "--acl", "sasl:alice:cdrwa", "/sasl/head", "v1");
            assertEquals(0, created.code(), created.output());

            Process daemon = daemon("alice", alice, connect);
            await().atMost(LONG).until(() -> lines("alice.out").contains("v1"));
            assertEquals(
                    0,
                    cli(alice, "poke", "--zkservers", connect, "/sasl/head", "v2")
                            .code());
            await().atMost(LONG).until(() -> lines("alice.out").contains("v2"));
            assertTrue(daemon.isAlive());

            Process unauthenticated = daemon("nobody", null, connect);
            Process wrongPassword = daemon("mallory", jaas("mallory", "alice", "guess"), connect);
            String unauthenticatedLine = "Cannot read /sasl/head: the server requires authentication, and closes the"
                    + " daemon's session (SessionClosedRequireSaslAuth; give the daemon a JAAS file for SASL, or"
                    + " credentials with --zk_auth_file); retrying with backoff, up to every 60 s";
            String refusedLine = "Cannot read /sasl/head: ZooKeeper refused the daemon's credentials (AuthFailed;"
                    + " check the JAAS file's Client section or --zk_auth_file, then restart the daemon); retrying"
                    + " with backoff, up to every 60 s";
            awaitLine("nobody", unauthenticatedLine);
            awaitLine("mallory", refusedLine);
            // The server closes the unauthenticated daemon's session at each of its reads: after a few of those, the
            // log still has the one line, not a line for every reconnection.
            await().atMost(LONG).until(() -> count(output("zk-server"), "closing session") >= 5);
            Map<String, String> lines = Map.of("nobody", unauthenticatedLine, "mallory", refusedLine);
            for (String who : List.of("nobody", "mallory")) {
                String out = output(who);
                assertEquals(1, count(out, "Cannot read"), out);
                assertEquals(1, count(out, lines.get(who)), out);
                // Before the refusal the connection may come and go as usual (a slow SASL handshake); not after it.
                String afterRefusal = out.substring(out.indexOf("Cannot read"));
                assertEquals(0, count(afterRefusal, "Connection to ZooKeeper"), out);
                assertEquals(0, count(afterRefusal, "reconnected"), out);
                assertEquals(0, count(out, "\tat "), out);
                assertEquals(0, count(out, "Exception"), out);
                assertEquals(List.of(), lines(who + ".out"));
            }
            assertTrue(unauthenticated.isAlive() && wrongPassword.isAlive());
        }
    }

    @Test
    void aWatchAddedAfterTheServerRefusedTheCredentialsSaysSoToo() throws Exception {
        try (ZkServerProcess zk = saslServer()) {
            String connect = "127.0.0.1:" + zk.port();
            Result created = cli(
                    jaas("alice", "secret"),
                    "poke",
                    "--zkservers",
                    connect,
                    "--acl",
                    "sasl:alice:cdrwa",
                    "/sasl/head",
                    "v1");
            assertEquals(0, created.code(), created.output());
            // The daemon starts with no config file, so no watch: the server refuses its login before any exists.
            Path conf = Files.createDirectories(dir.resolve("late-conf"));
            Process daemon = daemon("late", jaas("late", "alice", "guess"), connect, conf);
            await().atMost(LONG).until(() -> output("zk-server").contains(SERVER_REFUSED));
            await().atMost(LONG).until(() -> output("late").contains("Twitcher started"));
            Files.writeString(conf.resolve("head.properties"), config("late"));
            awaitLine(
                    "late",
                    "Cannot read /sasl/head: ZooKeeper refused the daemon's credentials (AuthFailed; check the JAAS"
                            + " file's Client section or --zk_auth_file, then restart the daemon); retrying with"
                            + " backoff, up to every 60 s");
            assertTrue(daemon.isAlive());
            assertEquals(List.of(), lines("late.out"));
        }
    }

    /** A server that requires SASL of every session and knows one user, alice (password "secret"). */
    private ZkServerProcess saslServer() throws Exception {
        Path serverJaas = Files.writeString(
                dir.resolve("server-jaas.conf"),
                "Server {\n  org.apache.zookeeper.server.auth.DigestLoginModule required\n  user_alice=\"secret\";\n};\n");
        List<String> options = List.of(
                "-Djava.security.auth.login.config=" + serverJaas,
                "-Dzookeeper.authProvider.sasl=org.apache.zookeeper.server.auth.SASLAuthenticationProvider",
                "-Dzookeeper.sessionRequireClientSASLAuth=true");
        return ZkServerProcess.start(dir, Map.of(), options, 0);
    }

    /** Waits until {@code name}'s log has {@code line}; if it never does, fails with the log and the server's. */
    private void awaitLine(String name, String line) throws IOException {
        try {
            await().atMost(LONG).until(() -> output(name).contains(line));
        } catch (ConditionTimeoutException e) {
            fail(name + "'s log never said: " + line + "\n--- " + name + ":\n" + output(name) + "\n--- server (tail):\n"
                    + tail(output("zk-server"), 60));
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private Process daemon(String name, Path jaasFile, String connect) throws IOException {
        Path conf = Files.createDirectories(dir.resolve(name + "-conf"));
        Files.writeString(conf.resolve("head.properties"), config(name));
        return daemon(name, jaasFile, connect, conf);
    }

    /** A watch of /sasl/head whose action appends the node's data to {@code <name>.out}. */
    private String config(String name) {
        return "znode=/sasl/head\ncommand=cat >> " + dir.resolve(name + ".out") + "; echo >> "
                + dir.resolve(name + ".out") + "\n";
    }

    private Process daemon(String name, Path jaasFile, String connect, Path conf) throws IOException {
        List<String> command = java(jaasFile);
        command.addAll(List.of(
                "--zkservers=" + connect,
                "--config_path=" + conf,
                "--plugins_dir=" + dir.resolve("no-plugins"),
                "--session_timeout=4",
                "--log_to_stdout"));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        started.add(p);
        return p;
    }

    private Result cli(Path jaasFile, String... args) throws Exception {
        List<String> command = java(jaasFile);
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(p);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    private List<String> java(Path jaasFile) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                // The daemon keeps its state where this test JVM does (target/), never in /var/lib.
                "-Dtwitcher.state.dir=" + System.getProperty("twitcher.state.dir", "target/state")));
        if (jaasFile != null) {
            command.add("-Djava.security.auth.login.config=" + jaasFile);
        }
        command.add(TwitcherCli.class.getName());
        return command;
    }

    private Path jaas(String user, String password) throws IOException {
        return jaas(user, user, password);
    }

    private Path jaas(String file, String user, String password) throws IOException {
        return Files.writeString(
                dir.resolve(file + "-jaas.conf"),
                "Client {\n  org.apache.zookeeper.server.auth.DigestLoginModule required\n  username=\"" + user
                        + "\"\n  password=\"" + password + "\";\n};\n");
    }

    private String output(String name) throws IOException {
        Path p = dir.resolve(name + ".log");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private static long count(String text, String fragment) {
        return text.lines().filter(l -> l.contains(fragment)).count();
    }

    private List<String> lines(String name) throws IOException {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    private record Result(int code, String output) {}
}
