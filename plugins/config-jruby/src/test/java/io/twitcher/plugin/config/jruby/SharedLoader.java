package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.WatchDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * One loader (one JRuby runtime) for every test in the JVM: starting JRuby takes seconds, and sharing it is what the
 * daemon does too. Each load still gets a fresh module, which the isolation tests check.
 */
final class SharedLoader {
    private static final RubyConfigLoader LOADER = new RubyConfigLoader();

    private SharedLoader() {}

    /** Loads {@code text} as the file whose display name is {@code name}. */
    static List<WatchDefinition> load(String name, String text) throws ConfigException {
        return LOADER.load(
                new ConfigFile(Path.of("/etc/twitcher").resolve(name), name, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Loads {@code text} and returns its one watch. */
    static WatchDefinition one(String name, String text) throws ConfigException {
        List<WatchDefinition> watches = load(name, text);
        if (watches.size() != 1) {
            throw new AssertionError("expected one watch, got " + watches);
        }
        return watches.get(0);
    }
}
