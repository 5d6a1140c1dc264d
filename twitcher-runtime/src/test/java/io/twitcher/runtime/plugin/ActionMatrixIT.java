package io.twitcher.runtime.plugin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.twitcher.runtime.testing.PluginArchives;
import io.twitcher.runtime.testing.ZkFixture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every config language names every action type: .properties, .twc and .rb files each define an exec, an http and
 * a java action on one node, all loaded together in one daemon (Jython and JRuby side by side), with a real HTTP
 * server and a real callback plugin.
 */
class ActionMatrixIT {
    @TempDir
    Path dir;

    @Test
    void everyLanguageRunsEveryActionType() throws Exception {
        Set<String> hooks = new ConcurrentSkipListSet<>();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            hooks.add(exchange.getRequestURI().getQuery() + ":" + body + ":"
                    + exchange.getRequestHeaders().getFirst("X-Twitcher-Event"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.start();
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/hook?from=";
        Path plugins = PluginArchives.directory(dir, "example-action-marker");
        String callbacks = dir.resolve("callbacks").toString();
        System.setProperty("twitcher.marker.file", callbacks);
        try (ZkFixture zk = new ZkFixture(dir)) {
            zk.writeConfig(
                    "m.properties",
                    String.join(
                            "\n",
                            "exec.znode=/matrix",
                            "exec.run_on_load=false",
                            "exec.command=echo properties-$(cat) >> " + zk.file("execs"),
                            "http.znode=/matrix",
                            "http.run_on_load=false",
                            "http.action=http",
                            "http.http.url=" + url + "properties",
                            "java.znode=/matrix",
                            "java.run_on_load=false",
                            "java.action=java",
                            "java.java.name=marker-callback",
                            "java.description=java-from-properties",
                            ""));
            zk.writeConfig(
                    "m.twc",
                    String.join(
                            "\n",
                            "for action in [Exec('echo twc-$(cat) >> " + zk.file("execs") + "'),",
                            "               Webhook(url='" + url + "twc'),",
                            "               JavaAction('marker-callback')]:",
                            "    RegisterWatch(znode='/matrix', action=action, run_on_load=False)",
                            ""));
            zk.writeConfig(
                    "m.rb",
                    String.join(
                            "\n",
                            "[exec('echo rb-$(cat) >> " + zk.file("execs") + "'), webhook(url: '" + url + "rb'),",
                            " java_action('marker-callback')].each do |a|",
                            "  register_watch znode: '/matrix', action: a, run_on_load: false",
                            "end",
                            ""));
            var t = zk.startTwitcher(b -> b.pluginsDir(plugins));
            assertEquals(9, t.watchCount());
            assertEquals(1, t.zkWatchCount());
            zk.poke("/matrix", "go");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> zk.lines("execs").size() == 3
                            && hooks.size() == 3
                            && zk.lines("callbacks").size() == 3);
            assertEquals(Set.of("properties-go", "twc-go", "rb-go"), new TreeSet<>(zk.lines("execs")));
            assertEquals(Set.of("from=properties:go:created", "from=twc:go:created", "from=rb:go:created"), hooks);
            assertEquals(List.of("/matrix 0 go", "/matrix 0 go", "/matrix 0 go"), zk.lines("callbacks"));
        } finally {
            http.stop(0);
            System.clearProperty("twitcher.marker.file");
        }
    }
}
