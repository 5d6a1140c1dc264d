package io.twitcher.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9: an action with a uid gets a fresh environment, not the daemon's (run as root, as CI does). */
class ActionEnvironmentIT {
    @TempDir
    Path dir;

    private final ActionLogCapture log = new ActionLogCapture();
    private ProcessSupervisor supervisor;

    @BeforeEach
    void setUp() {
        log.start();
        supervisor = new ProcessSupervisor(Duration.ofSeconds(1));
    }

    @AfterEach
    void tearDown() {
        supervisor.close();
        log.stop();
    }

    @Test
    void actionWithAUidGetsAFreshEnvironmentOfTheTargetUser() throws Exception {
        Path out = dir.resolve("env");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        SupervisedProcess process = supervisor.start(ProcessRequest.of("as-nobody",
                        List.of("sh", "-c", "env > " + out))
                .withEnv(Map.of("TWITCHER_ZNODE", "/git/head", "DEPLOY_TARGET", "blue"))
                .withUser("nobody", null));
        assertEquals(0, process.await().exitCode());

        Map<String, String> env = parse(Files.readString(out, StandardCharsets.UTF_8));
        assertEquals("nobody", env.get("USER"));
        assertEquals("nobody", env.get("LOGNAME"));
        assertEquals(passwdField("nobody", 5), env.get("HOME"));
        assertEquals(passwdField("nobody", 6), env.get("SHELL"));
        assertEquals("/git/head", env.get("TWITCHER_ZNODE"));
        assertEquals("blue", env.get("DEPLOY_TARGET"));
        assertTrue(env.containsKey("PATH"), env::toString);
        for (String name : env.keySet()) {
            assertTrue(name.matches("PATH|LANG|LANGUAGE|LC_[A-Z_]+|TZ|HOME|USER|LOGNAME|SHELL|TWITCHER_[A-Z_]+"
                    + "|DEPLOY_TARGET|PWD|SHLVL|_"), () -> name + " comes from the daemon's environment: " + env);
        }
    }

    @Test
    void actionWithoutAUidGetsTheDaemonsEnvironmentPlusItsOwn() throws Exception {
        Path out = dir.resolve("env");
        SupervisedProcess process = supervisor.start(ProcessRequest.of("as-daemon",
                List.of("sh", "-c", "env > " + out)).withEnv(Map.of("DEPLOY_TARGET", "green")));
        assertEquals(0, process.await().exitCode());

        Map<String, String> env = parse(Files.readString(out, StandardCharsets.UTF_8));
        assertEquals("green", env.get("DEPLOY_TARGET"));
        System.getenv().forEach((name, value) -> {
            if (!name.equals("_") && !name.equals("PWD") && !name.equals("SHLVL") && !value.contains("\n")) {
                assertEquals(value, env.get(name), name);
            }
        });
    }

    private static Map<String, String> parse(String env) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : env.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                vars.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return vars;
    }

    private static String passwdField(String user, int field) throws Exception {
        return Files.readAllLines(Path.of("/etc/passwd")).stream().filter(l -> l.startsWith(user + ":"))
                .map(l -> l.split(":")[field]).findFirst().orElseThrow();
    }
}
