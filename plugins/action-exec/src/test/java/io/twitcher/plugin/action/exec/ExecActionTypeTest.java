package io.twitcher.plugin.action.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecActionTypeTest {
    private final ExecActionType type = new ExecActionType();

    @Test
    void commandRunsUnderShell() throws Exception {
        var action = (ExecActionType.ExecAction) type.create(Map.of("command", "echo hi"));
        assertEquals(List.of("/bin/sh", "-c", "echo hi"), action.argv());
        assertTrue(action.runsProcess());
    }

    @Test
    void watchesWithTheSameCommandShareOneAction() throws Exception {
        // Thousands of watches in one file often run one command: one stateless action for all of them.
        var first = type.create(Map.of("command", "echo hi"));
        assertSame(first, type.create(Map.of("command", "echo hi")));
        var other = (ExecActionType.ExecAction) type.create(Map.of("command", "echo ho"));
        assertEquals(List.of("/bin/sh", "-c", "echo ho"), other.argv());
    }

    @Test
    void argvRunsDirectlyFromAList() throws Exception {
        assertEquals(
                List.of("git", "pull", "a b"),
                ((ExecActionType.ExecAction) type.create(Map.of("argv", List.of("git", "pull", "a b")))).argv());
    }

    @Test
    void argvAsTextIsRejectedSinceConfigLoadersPassLists() {
        // The properties loader parses argv's JSON text itself, where it knows the line (config-properties ArgvTest).
        assertEquals(
                "exec: argv must be a list of strings, not '[\"git\"]'",
                assertThrows(ConfigException.class, () -> type.create(Map.of("argv", "[\"git\"]")))
                        .getMessage());
    }

    @Test
    void badParametersAreRejectedWithReasons() {
        assertEquals(
                "exec: give either command (run under /bin/sh -c) or argv (a list executed directly)",
                assertThrows(ConfigException.class, () -> type.create(Map.of())).getMessage());
        assertEquals(
                "exec: give either command (run under /bin/sh -c) or argv (a list executed directly)",
                assertThrows(ConfigException.class, () -> type.create(Map.of("command", "a", "argv", List.of("b"))))
                        .getMessage());
        assertEquals(
                "exec: argv must name a program: the list is empty",
                assertThrows(ConfigException.class, () -> type.create(Map.of("argv", List.of())))
                        .getMessage());
        assertEquals(
                "exec: argv must contain only strings, not 1 (Long)",
                assertThrows(ConfigException.class, () -> type.create(Map.of("argv", List.of("a", 1L))))
                        .getMessage());
        assertEquals(
                "exec: command must not be empty",
                assertThrows(ConfigException.class, () -> type.create(Map.of("command", " ")))
                        .getMessage());
        assertEquals(
                "exec: unknown parameter comand",
                assertThrows(ConfigException.class, () -> type.create(Map.of("command", "x", "comand", "y")))
                        .getMessage());
    }
}
