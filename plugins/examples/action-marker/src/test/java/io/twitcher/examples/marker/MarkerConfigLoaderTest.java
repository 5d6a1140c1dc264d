package io.twitcher.examples.marker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.WatchDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarkerConfigLoaderTest {
    private final MarkerConfigLoader loader = new MarkerConfigLoader();

    private static ConfigFile file(String text) {
        return new ConfigFile(
                Path.of("/etc/twitcher/marks.marker"),
                "/etc/twitcher/marks.marker",
                text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachLineIsAWatchRunningTheMarkerAction() throws Exception {
        List<WatchDefinition> watches =
                loader.load(file("# marks\n/git/head /var/tmp/git.marks\n\n" + "/app/flag   /var/tmp/flag.marks\n"));

        assertEquals(Set.of(".marker"), loader.suffixes());
        assertEquals(2, watches.size());
        assertEquals("/git/head", watches.get(0).znode());
        assertEquals(
                ActionSpec.of("marker", Map.of("file", "/var/tmp/git.marks")),
                watches.get(0).action());
        assertEquals("/etc/twitcher/marks.marker-1", watches.get(0).description());
        assertEquals("/etc/twitcher/marks.marker:2", watches.get(0).origin());
        assertEquals("/app/flag", watches.get(1).znode());
        assertEquals("/etc/twitcher/marks.marker:4", watches.get(1).origin());
    }

    @Test
    void errorsNameTheFileAndLine() {
        assertEquals(
                "/etc/twitcher/marks.marker:2: expected '<znode> <file>', not '/git/head'",
                assertThrows(ConfigException.class, () -> loader.load(file("# marks\n/git/head\n")))
                        .getMessage());
        assertEquals(
                "/etc/twitcher/marks.marker:1: znode must be an absolute path starting with '/', not 'git'",
                assertThrows(ConfigException.class, () -> loader.load(file("git /tmp/m\n")))
                        .getMessage());
    }
}
