package io.twitcher.plugin.config.jython;

import io.twitcher.api.ConfigException;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.testing.FixedRunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A child JVM for {@link ExitGuardIT}: loads {@code args[0]} as {@code conf/bad.twc} and prints what became of it
 * ({@code rejected: <message>}), or runs its first watch's function action ({@code failed: <last traceback line>});
 * exits 0. Config code that got past the exit guard ends this JVM with its own code instead.
 */
public final class ExitGuardProbe {
    private ExitGuardProbe() {}

    public static void main(String[] args) throws Exception {
        String text = Files.readString(Path.of(args[0]));
        TwcConfigLoader loader = new TwcConfigLoader();
        try {
            List<WatchDefinition> watches;
            try {
                watches = Twc.load(loader, "bad.twc", text);
            } catch (ConfigException e) {
                System.out.println("rejected: " + e.getMessage());
                return;
            }
            try {
                System.out.println("ran: " + watches.get(0).action().inline().run(FixedRunContext.of("")));
            } catch (PythonActionException e) {
                List<String> lines = e.getMessage().lines().toList();
                System.out.println("failed: " + lines.get(lines.size() - 1));
            }
        } finally {
            loader.close();
        }
    }
}
