package io.twitcher.runtime.cli;

import io.twitcher.runtime.lifecycle.StartupException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns every failure into one sentence on stderr: picocli's parse errors (exit 2), {@link CliFailure} (its code), {@link StartupException} (exit 1)
 * and anything unexpected (exit 1, with the stack trace only under {@code --debug}).
 */
final class ErrorHandlers implements CommandLine.IExecutionExceptionHandler {
    private final TwitcherCli cli;

    ErrorHandlers(TwitcherCli cli) {
        this.cli = cli;
    }

    /** Picocli's handler for a command line it cannot parse. */
    static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        String message =
                e.getMessage() == null ? "invalid command line" : e.getMessage().strip();
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        String help = commandLine.getCommandSpec().qualifiedName() + " --help";
        commandLine.getErr().println(Sentences.line(message + " (see '" + help + "')"));
        commandLine.getErr().flush();
        return CliFailure.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code;
        if (e instanceof CliFailure failure) {
            err.println(Sentences.line(failure.getMessage()));
            code = failure.exitCode();
        } else if (e instanceof StartupException startup) {
            err.println(Sentences.line(startup.getMessage()));
            code = CliFailure.RUNTIME;
        } else if (e instanceof CommandLine.ParameterException parameter) {
            return usage(parameter, new String[0]);
        } else {
            err.println(Sentences.line("unexpected error: " + e));
            if (cli.debug) {
                e.printStackTrace(err);
            }
            code = CliFailure.RUNTIME;
        }
        err.flush();
        return code;
    }
}
