package io.twitcher.runtime.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.cli.TwitcherCli;
import io.twitcher.runtime.daemon.Twitcher;
import io.twitcher.runtime.lifecycle.StartupException;
import io.twitcher.runtime.testing.ZkFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real daemon on a real ZooKeeper, observed as an operator would: {@code /metrics} and {@code /health} over HTTP and
 * {@code twitcher status} over the control socket, before and after runs, during a ZooKeeper outage and after a
 * config file failed to load.
 */
class ObservabilityIT {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private ZkFixture zk;
    private Twitcher twitcher;
    private Path socket;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        zk = new ZkFixture(dir);
        zk.poke("/app", "0");
        zk.writeConfig("app.properties", "znode=/app\nrun_on_load=false\ndescription=deploy\ncommand=exit $(cat)\n");
        socket = dir.resolve("twitcher.sock");
        twitcher = zk.startTwitcher(b -> b.httpPort(0).controlSocket(socket));
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + twitcher.httpAddress().getPort()
                + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String metrics() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        return r.body();
    }

    /** {@code twitcher status [args]}: exit code, stdout, stderr. */
    private static List<String> status(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "status";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = TwitcherCli.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return List.of(Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static final String LABELS = "{description=\"deploy\",znode=\"/app\"}";

    @Test
    void metricsHealthAndStatusBeforeAndAfterRuns() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("OK\n", health.body());
        String before = metrics();
        assertTrue(before.contains("twitcher_runs_started_total" + LABELS + " 0.0"), before);
        assertTrue(before.contains("twitcher_zookeeper_connected 1.0"), before);
        assertTrue(before.contains("jvm_memory_used_bytes"), before);
        List<String> idle = status("--control_socket", socket.toString());
        assertEquals("0", idle.get(0), idle.toString());
        assertTrue(idle.get(1).contains("deploy: " + zk.configDir().resolve("app.properties") + ", /app, QUEUE, idle,"
                + " last run: never"), idle.get(1));

        zk.poke("/app", "0");
        await().atMost(LONG).until(() -> twitcher.status().watches().get(0).succeeded() == 1);
        zk.poke("/app", "3");
        await().atMost(LONG).until(() -> twitcher.status().watches().get(0).failed() == 1);
        String after = metrics();
        assertTrue(after.contains("twitcher_runs_started_total" + LABELS + " 2.0"), after);
        assertTrue(after.contains("twitcher_runs_succeeded_total" + LABELS + " 1.0"), after);
        assertTrue(after.contains("twitcher_runs_failed_total" + LABELS + " 1.0"), after);
        assertTrue(after.contains("twitcher_last_run_exit_code" + LABELS + " 3.0"), after);
        assertTrue(after.contains("twitcher_run_duration_seconds_count" + LABELS + " 2"), after);
        assertTrue(after.contains("twitcher_updates_total" + LABELS + " 2.0"), after);
        List<String> ran = status("--control_socket", socket.toString());
        assertEquals("0", ran.get(0));
        assertTrue(ran.get(1).matches("(?s).*deploy: .*, /app, QUEUE, idle, last run: \\S+, \\d+\\.\\d{3} s, exit 3\\n.*"),
                ran.get(1));
        List<String> json = status("--control_socket", socket.toString(), "--json");
        assertEquals("0", json.get(0));
        assertTrue(json.get(1).startsWith("{\"healthy\":true,\"zookeeper\":\"connected\",\"problems\":[],\"watches\":"
                + "[{\"description\":\"deploy\","), json.get(1));
        assertTrue(json.get(1).contains("\"last_exit_code\":3,\"last_success\":false,\"updates\":2,\"runs_started\":2,"),
                json.get(1));
    }

    @Test
    void aZooKeeperOutageIsUnhealthyUntilTheConnectionIsBack() throws Exception {
        zk.server().stop();
        await().atMost(LONG).until(() -> get("/health").statusCode() == 503);
        assertTrue(get("/health").body().startsWith("ZooKeeper connection "), get("/health").body());
        assertTrue(metrics().contains("twitcher_zookeeper_connected 0.0"));
        List<String> down = status("--control_socket", socket.toString());
        assertEquals("1", down.get(0), down.toString());
        assertTrue(down.get(1).startsWith("unhealthy: ZooKeeper "), down.get(1));

        zk.server().restart();
        await().atMost(LONG).until(() -> get("/health").statusCode() == 200);
        assertTrue(metrics().contains("twitcher_zookeeper_reconnects_total 1.0"));
        assertEquals("0", status("--control_socket", socket.toString()).get(0));
    }

    @Test
    void aFailedConfigLoadIsUnhealthyWithItsReasonUntilFixed() throws Exception {
        Path broken = zk.writeConfig("broken.properties", "znode=/b\ncommand=true\nsplay=soon\n");
        await().atMost(LONG).until(() -> get("/health").statusCode() == 503);
        assertEquals("config file failed: " + broken + ":3: splay must be a number of seconds from 0 to 86400, not"
                + " 'soon'\n", get("/health").body());
        String m = metrics();
        assertTrue(m.contains("twitcher_config_load_failures_total 1.0"), m);
        assertTrue(m.contains("twitcher_config_files_failing 1.0"), m);
        List<String> failing = status("--control_socket", socket.toString());
        assertEquals("1", failing.get(0));
        assertTrue(failing.get(1).contains("  problem: config file failed: " + broken + ":3: splay must be"),
                failing.get(1));

        zk.writeConfig("broken.properties", "znode=/b\ncommand=true\nsplay=1\n");
        await().atMost(LONG).until(() -> get("/health").statusCode() == 200);
        assertEquals("0", status("--control_socket", socket.toString()).get(0));
    }

    @Test
    void statusSaysSoWhenNoDaemonAnswers() {
        twitcher.close();
        List<String> none = status("--control_socket", socket.toString());
        assertEquals("2", none.get(0));
        assertTrue(none.get(2).startsWith("twitcher: no daemon answers on " + socket), none.get(2));
    }

    @Test
    void anAddressOrSocketInUseIsOneSentence() throws Exception {
        int port = twitcher.httpAddress().getPort();
        StartupException http = assertThrows(StartupException.class, () -> zk.startTwitcher(b -> b.httpPort(port)));
        assertTrue(http.getMessage().startsWith("cannot listen on 127.0.0.1:" + port
                + " for --http_port ("), http.getMessage());
        StartupException control = assertThrows(StartupException.class,
                () -> zk.startTwitcher(b -> b.controlSocket(socket)));
        assertEquals("another daemon answers on the control socket " + socket, control.getMessage());
        assertEquals("0", status("--control_socket", socket.toString()).get(0)); // the first one still answers
    }
}
