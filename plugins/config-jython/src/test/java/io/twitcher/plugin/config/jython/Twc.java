package io.twitcher.plugin.config.jython;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.WatchDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Test helpers: a loader shared by a test class (Jython starts once) and files given as text. */
final class Twc {
    private Twc() {}

    static ConfigFile file(String name, String text) {
        return new ConfigFile(
                Path.of("/etc/twitcher").resolve(name), "conf/" + name, text.getBytes(StandardCharsets.UTF_8));
    }

    static List<WatchDefinition> load(TwcConfigLoader loader, String name, String text) throws ConfigException {
        return loader.load(file(name, text));
    }
}
