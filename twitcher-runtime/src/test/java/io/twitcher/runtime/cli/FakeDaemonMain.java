package io.twitcher.runtime.cli;

import io.twitcher.runtime.daemon.DaemonService;
import io.twitcher.runtime.lifecycle.StartupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The real command line in a child JVM with a recording service instead of the Twitcher facade, so that tests see
 * signals, the pidfile and {@code --daemonize} act on a real process. The service appends "start ZKSERVERS",
 * "reload" and "close" to the file named by {@code -Dtwitcher.test.record}; {@code -Dtwitcher.test.failStart=TEXT}
 * makes start() throw a StartupException with that message.
 */
public final class FakeDaemonMain {
    private FakeDaemonMain() {}

    public static void main(String[] args) {
        Path record = Path.of(System.getProperty("twitcher.test.record"));
        String failStart = System.getProperty("twitcher.test.failStart");
        DaemonService.Factory services = settings -> new DaemonService() {
            @Override
            public void start() throws StartupException {
                append(record, "start " + settings.zkServers());
                if (failStart != null) {
                    throw new StartupException(failStart);
                }
            }

            @Override
            public void reload() {
                append(record, "reload");
            }

            @Override
            public void close() {
                append(record, "close");
            }
        };
        System.exit(TwitcherCli.run(
                args, new TwitcherCli.Context(System.in, System.out, System.err, services, FakeDaemonMain.class)));
    }

    private static void append(Path record, String line) {
        try {
            Files.writeString(
                    record, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
