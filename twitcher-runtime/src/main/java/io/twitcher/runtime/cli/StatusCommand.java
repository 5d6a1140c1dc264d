package io.twitcher.runtime.cli;

import io.twitcher.runtime.control.ControlClient;
import io.twitcher.runtime.control.ControlSocket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code twitcher status}: asks the running daemon through its control socket what it watches and how runs ended. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = TwitcherCli.VersionProvider.class,
        usageHelpWidth = 100,
        description = {"Asks the running daemon, through its --control_socket, for one line per active watch: its"
                + " description, file, znode, run mode, state (idle, running since, pending, waiting for a fleet"
                + " lease) and last run (start, duration, exit code, or never).",
                "Exit code 0 when the daemon answered and is healthy, 1 when it answered and something is not (no"
                + " ZooKeeper connection, a config file that fails), 2 when no daemon answers."})
final class StatusCommand implements Callable<Integer> {
    /** Exit code when no daemon answers. */
    static final int NO_DAEMON = 2;

    @ParentCommand
    TwitcherCli parent;

    @Option(names = {"--control_socket", "--control-socket"}, paramLabel = "PATH",
            description = "The daemon's control socket (default: /run/twitcher/twitcher.sock).")
    Path socket;

    @Option(names = "--json", description = "Print one JSON object, for scripts.")
    boolean json;

    @Override
    public Integer call() {
        Path target = socket != null ? socket : parent.controlSocket != null ? parent.controlSocket
                : Path.of("/run/twitcher/twitcher.sock");
        ControlClient.Answer answer;
        try {
            answer = ControlClient.status(target, json);
        } catch (IOException e) {
            parent.context().err().println(Sentences.line("no daemon answers on " + target + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")"));
            return NO_DAEMON;
        }
        parent.context().out().print(answer.report());
        parent.context().out().flush();
        return answer.healthy() ? 0 : 1;
    }

    static Path defaultSocket() {
        return ControlSocket.defaultPath();
    }
}
