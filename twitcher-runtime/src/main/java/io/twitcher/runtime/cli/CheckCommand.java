package io.twitcher.runtime.cli;

import io.twitcher.runtime.config.ConfigChecker;
import io.twitcher.runtime.config.ConfigChecker.FileReport;
import io.twitcher.runtime.logging.LogSetup;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code twitcher check [PATH]}: loads configs with the daemon's plugins, without ZooKeeper, and reports. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = TwitcherCli.VersionProvider.class,
        usageHelpWidth = 100,
        description = {"Loads the config files under PATH (a directory, read recursively, or one file) with the"
                + " plugins of --plugins_dir, without connecting to ZooKeeper, and prints each file with its watches"
                + " (description, znode, data or children, run mode, action type) or its error as file:line: reason.",
                "Exit code 0 when every file is good, 1 otherwise."})
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    TwitcherCli parent;

    @Option(names = {"-d", "--debug"}, description = "Log at DEBUG level; print stack traces of unexpected errors.")
    boolean debug;

    @Option(names = {"--config_path", "--config-path"}, paramLabel = "DIR",
            description = "The config directory or file when PATH is not given (default: /etc/twitcher).")
    Path configPath;

    @Option(names = {"--plugins_dir", "--plugins-dir"}, paramLabel = "DIR",
            description = "Where the plugin archives are (default: the launcher's plugins/, else"
                    + " /usr/share/twitcher/plugins).")
    Path pluginsDir;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH",
            description = "The config directory or file (default: --config_path).")
    Path path;

    @Override
    public Integer call() {
        parent.debug |= debug; // -d after the subcommand is the same option as before it
        LogSetup.configureForCommand(parent.debug);
        Path target = path != null ? path : configPath != null ? configPath : parent.configPath;
        List<FileReport> reports = ConfigChecker.check(target, pluginsDir != null ? pluginsDir : parent.pluginsDir);
        int errors = CheckReport.print(reports, parent.context().out());
        if (errors > 0) {
            parent.context().err().println(Sentences.line(errors + " of " + reports.size() + " config "
                    + (reports.size() == 1 ? "file" : "files") + (errors == 1 ? " has errors" : " have errors")));
            return CliFailure.RUNTIME;
        }
        return 0;
    }
}
