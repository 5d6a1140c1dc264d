package io.twitcher.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessRequestTest {

    @Test
    void defaultsAreNoEnvironmentNoStdinDaemonUserAndNoTimeout() {
        ProcessRequest request = ProcessRequest.of("d", List.of("true"));
        assertEquals(Map.of(), request.extraEnv());
        assertNull(request.stdin());
        assertNull(request.user());
        assertNull(request.group());
        assertNull(request.timeout());
    }

    @Test
    void rejectsWhatCouldNeverRun() {
        assertThrows(IllegalArgumentException.class, () -> ProcessRequest.of("d", List.of()));
        assertThrows(NullPointerException.class, () -> ProcessRequest.of(null, List.of("true")));
        assertThrows(IllegalArgumentException.class, () -> ProcessRequest.of("d", List.of("true"))
                .withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ProcessRequest.of("d", List.of("true"))
                .withEnv(Map.of("A=B", "c")));
        assertThrows(IllegalArgumentException.class, () -> ProcessRequest.of("d", List.of("true"))
                .withUser(" ", null));
    }

    @Test
    void argvAndEnvironmentAreCopied() {
        List<String> argv = new java.util.ArrayList<>(List.of("echo", "a"));
        ProcessRequest request = ProcessRequest.of("d", argv);
        argv.add("b");
        assertEquals(List.of("echo", "a"), request.argv());
    }
}
