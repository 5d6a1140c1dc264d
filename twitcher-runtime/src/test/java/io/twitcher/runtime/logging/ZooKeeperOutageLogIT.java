package io.twitcher.runtime.logging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.twitcher.runtime.testing.ZkFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** While ZooKeeper is unreachable the log gets a line when it goes and one when it is back, not a stack a second. */
class ZooKeeperOutageLogIT {
    @TempDir
    Path dir;

    @AfterEach
    void restoreTestLogging() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback-test.xml"));
    }

    @Test
    void anOutageIsReportedInAFewLinesWithoutStackTraces() throws Exception {
        Path log = dir.resolve("twitcher.log");
        LogSetup.configure(new LogOptions(false, false, log, false, LogOptions.DEV_LOG));
        try (ZkFixture zk = new ZkFixture(dir)) {
            zk.poke("/x", "1");
            zk.writeConfig("a.properties", "znode=/x\ncommand=true");
            zk.startTwitcher();
            zk.server().stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> lines(log).stream()
                    .anyMatch(l -> l.contains("Connection to ZooKeeper suspended")));
            long before = ZooKeeperChatter.failedAttempts();
            // Several failed attempts (about one a second), whether or not something counts them.
            await().atMost(Duration.ofSeconds(30)).until(() -> ZooKeeperChatter.failedAttempts() >= before + 3
                    || lines(log).stream().filter(l -> l.contains("Closing socket connection")).count() >= 3);
            zk.server().restart();
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(log).stream()
                    .anyMatch(l -> l.contains("Connected to ZooKeeper (reconnected after")));
            List<String> all = lines(log);
            // The server runs in this JVM and logs too: only the client's lines (and their stack traces) count.
            List<String> clientNoise = new java.util.ArrayList<>();
            String header = "";
            for (String line : all) {
                boolean stack = line.startsWith("\tat ") || line.startsWith("Caused by") || line.startsWith("\t...");
                if (!stack) {
                    header = line;
                }
                if (client(header) && (stack || header.contains(" WARN ") || header.contains(" ERROR "))) {
                    clientNoise.add(line);
                }
            }
            assertEquals(List.of(), clientNoise, "the ZooKeeper client's warnings and stack traces");
            long down = all.stream().filter(l -> l.contains("Connection to ZooKeeper")).count();
            assertTrue(down >= 1 && down <= 2, "expected one or two lines for the outage, got " + down);
        }
    }

    /** A log line of the ZooKeeper client or Curator (the pattern abbreviates org.apache.zookeeper to o.a.z). */
    private static boolean client(String line) {
        return (line.contains(" o.a.z.") && !line.contains(" o.a.z.s.") && !line.contains("o.a.z.server"))
                || line.contains(" o.a.c.") || line.contains(" org.apache.curator");
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }
}
