package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ConfigException;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.testing.FixedRunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A child JVM for {@link ExitGuardTest}: loads each file named in {@code args} (in one JRuby runtime, as the daemon
 * does) and prints one line for each, {@code <name>: rejected: <message>} or, for a file with a block action, what
 * running it gave ({@code <name>: failed: <message>}); exits 0. Config code that got past the guard ends this JVM with
 * its own code instead.
 */
public final class ExitGuardProbe {
    private ExitGuardProbe() {}

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            Path file = Path.of(arg);
            String name = "conf/" + file.getFileName();
            String line;
            try {
                List<WatchDefinition> watches = SharedLoader.load(name, Files.readString(file));
                try {
                    line = "ran: " + watches.get(0).action().inline().run(FixedRunContext.of(""));
                } catch (Exception e) {
                    line = "failed: " + e.getMessage();
                }
            } catch (ConfigException e) {
                line = "rejected: " + e.getMessage();
            }
            System.out.println(file.getFileName() + ": " + line);
        }
    }
}
