package io.twitcher.runtime.cli;

import io.twitcher.runtime.config.ConfigScanner;
import io.twitcher.runtime.daemon.DaemonRunner;
import io.twitcher.runtime.daemon.DaemonService;
import io.twitcher.runtime.daemon.DaemonSettings;
import io.twitcher.runtime.daemon.Daemonizer;
import io.twitcher.runtime.daemon.EarlyStart;
import io.twitcher.runtime.daemon.Version;
import io.twitcher.runtime.zk.ZkSecurity;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code twitcher} command: without a subcommand it runs the daemon in the foreground (or detached with
 * {@code --daemonize}); {@code check} validates configs, {@code poke} sets a znode. The original's option names are
 * kept. Every error is one sentence on stderr, {@code twitcher: ...}, exit code 2 for a bad command line and 1 for a
 * failure while running; a stack trace only with {@code --debug}.
 */
@Command(
        name = "twitcher",
        sortOptions = false,
        versionProvider = TwitcherCli.VersionProvider.class,
        usageHelpWidth = 100,
        description = {
            "Runs actions when a ZooKeeper znode changes.",
            "Without a subcommand, runs the daemon in the foreground with the configs under --config_path."
        },
        footer = {
            "",
            "Signals: TERM and INT stop the daemon (running actions get --shutdown_grace, then SIGKILL);"
                    + " HUP rescans the configuration and reopens --logfile.",
            "Exit codes: 0 success, 1 failure while running, 2 bad command line."
        })
public final class TwitcherCli implements Callable<Integer> {
    static final String DEFAULT_ZKSERVERS = "localhost:2181";
    /** The subcommands' names: an argument spelled so is a subcommand, or an option's value that picocli refuses. */
    static final Set<String> SUBCOMMANDS = Set.of("check", "poke", "status", "help");

    @Option(
            names = {"-d", "--debug"},
            description =
                    "Log at DEBUG level, ZooKeeper and Curator included; print stack traces of unexpected" + " errors.")
    boolean debug;

    @Option(
            names = {"-v", "--verbose"},
            description = "Log Twitcher's own messages at DEBUG level.")
    boolean verbose;

    @Option(
            names = "--daemonize",
            description = {
                "Run in the background: start a detached copy (new session,"
                        + " working directory /, stdio on /dev/null) and exit once it has written its pid.",
                "Without --pidfile it uses /run/twitcher.pid, or <tmpdir>/twitcher-<user>.pid when /run is not writable."
            })
    boolean daemonize;

    @Option(
            names = "--pidfile",
            paramLabel = "PATH",
            description = "Write the daemon's pid to PATH and lock it while"
                    + " running (a second daemon on it fails); removed at exit.")
    Path pidfile;

    @Option(names = "--logfile", paramLabel = "PATH", description = "Log to PATH (appended) instead of syslog.")
    Path logfile;

    @Option(
            names = {"--log_to_stdout", "--log-to-stdout"},
            description = "Log to standard output instead of syslog.")
    boolean logToStdout;

    @Option(
            names = "--devel",
            description = "Development mode: foreground (overrides --daemonize), log to stdout,"
                    + " debug level (same as --log_to_stdout --debug).")
    boolean devel;

    @Option(
            names = {"--config_path", "--config-path"},
            paramLabel = "DIR",
            defaultValue = "/etc/twitcher",
            description = "The config directory, read recursively, or one config file (default: ${DEFAULT-VALUE}).")
    Path configPath;

    @Option(
            names = "--zkservers",
            paramLabel = "LIST",
            description =
                    "ZooKeeper servers:" + " host[:port][,host[:port]...][/chroot], port 2181 when omitted (default: "
                            + DEFAULT_ZKSERVERS + ").")
    String zkServers;

    @Option(
            names = {"--plugins_dir", "--plugins-dir"},
            paramLabel = "DIR",
            defaultValue = "${sys:twitcher.plugins.dir:-/usr/share/twitcher/plugins}",
            description =
                    "Where the plugin archives are (default: ${DEFAULT-VALUE}); a missing directory is a" + " warning.")
    Path pluginsDir;

    @Option(
            names = "--embedded-zk",
            paramLabel = "PORT",
            arity = "0..1",
            fallbackValue = "2181",
            description = "Start an in-process ZooKeeper server on 127.0.0.1:PORT (default port 2181), which other"
                    + " processes can use too, and use it instead of --zkservers. For trying Twitcher out; its data"
                    + " is deleted at exit.")
    Integer embeddedZkPort;

    @CommandLine.Mixin
    TuningOptions tuning = new TuningOptions();

    @Option(
            names = {"--control_socket", "--control-socket"},
            paramLabel = "PATH",
            description = "The Unix socket"
                    + " (mode 0600) on which twitcher status asks the daemon (default: /run/twitcher/twitcher.sock when"
                    + " running as root, else none; 'none' turns it off).")
    Path controlSocket;

    @Option(
            names = {"--state_dir", "--state-dir"},
            paramLabel = "DIR",
            defaultValue = "${sys:twitcher.state.dir:-/var/lib/twitcher}",
            description = "Where run_on_load=if_changed remembers the node version each watch last ran on"
                    + " successfully (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(
            names = {"--log_config", "--log-config"},
            paramLabel = "PATH",
            description = "A logback.xml that"
                    + " replaces the built-in logging set-up (default: the system property logback.configurationFile, if"
                    + " set).")
    Path logConfig;

    @Option(
            names = {"--log_format", "--log-format"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text, or json: one JSON object a line (logback's JsonEncoder) on --logfile and"
                    + " --log_to_stdout (default: ${DEFAULT-VALUE}).")
    String logFormat;

    @Option(
            names = {"--load_timeout", "--load-timeout"},
            paramLabel = "SECONDS",
            defaultValue = "30",
            converter = SecondsConverter.class,
            description = "How long one config file's evaluation may take; a"
                    + " file that takes longer is rejected and the others load (default: ${DEFAULT-VALUE}).")
    Duration loadTimeout;

    @Option(
            names = {"--allow_insecure_configs", "--allow-insecure-configs"},
            description = "Load config files and"
                    + " plugins that a root daemon would refuse (writable by group or others, or not owned by root); for"
                    + " development only, said at start-up.")
    boolean allowInsecureConfigs;

    @CommandLine.Mixin
    ZkSecurityOptions zkSecurityOptions = new ZkSecurityOptions();

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Option(
            names = {"-V", "--version"},
            versionHelp = true,
            description = "Print the version and exit.")
    boolean version;

    private final Context context;

    /** Where a run reads and writes, what daemon it runs, and which main class {@code --daemonize} starts. */
    record Context(
            InputStream in, PrintStream out, PrintStream err, DaemonService.Factory services, Class<?> mainClass) {}

    TwitcherCli(Context context) {
        this.context = context;
    }

    public static void main(String[] args) {
        if (!namesASubcommand(args)) {
            EarlyStart.begin(); // most likely the daemon
        }
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the command line and returns the exit code, without exiting the JVM. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** Runs the command line with {@code in} as standard input ({@code poke ZNODE -}) and returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, new Context(in, out, err, DaemonService::twitcher, TwitcherCli.class));
    }

    /**
     * Runs the daemon on a command line model without the subcommands when {@link #isPlainDaemonLine} says their models
     * would change nothing: picocli builds a subcommand's model (reflection over its annotations, its own converters)
     * for every start, and the four of them cost 35 of the model's 130 ms (docs/benchmarks.md). Any other
     * line (a subcommand, help, the version, a line that does not parse) runs on the full model, as before.
     */
    static int run(String[] args, Context context) {
        if (!namesASubcommand(args)) { // a subcommand's line needs no lean model first
            CommandLine leanLine = commandLine(new TwitcherCli(context), context, false);
            if (parsesAsTheDaemon(leanLine, args)) {
                return leanLine.execute(args);
            }
        }
        return commandLine(new TwitcherCli(context), context, true).execute(args);
    }

    /**
     * Whether {@code args} run the daemon, parsed the same with or without the subcommands: no argument is a
     * subcommand's name, the line parses, and asks for neither help nor the version.
     */
    static boolean isPlainDaemonLine(CommandLine leanLine, String[] args) {
        return !namesASubcommand(args) && parsesAsTheDaemon(leanLine, args);
    }

    /** Whether {@code leanLine} parses {@code args} and they ask for neither help nor the version. */
    private static boolean parsesAsTheDaemon(CommandLine leanLine, String[] args) {
        try {
            CommandLine.ParseResult parsed = leanLine.parseArgs(args);
            return !parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested();
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }

    private static boolean namesASubcommand(String[] args) {
        for (String arg : args) {
            if (SUBCOMMANDS.contains(arg)) {
                return true;
            }
        }
        return false;
    }

    /** The subcommands, named as in {@link #SUBCOMMANDS} (a test holds the two together). */
    static void addSubcommands(CommandLine commandLine) {
        commandLine.addSubcommand(new CheckCommand());
        commandLine.addSubcommand(new PokeCommand());
        commandLine.addSubcommand(new StatusCommand());
        commandLine.addSubcommand(new CommandLine.HelpCommand());
    }

    /** The command line's model; picocli hands its streams and handlers to the subcommands added before them. */
    private static CommandLine commandLine(TwitcherCli cli, Context context, boolean withSubcommands) {
        CommandLine commandLine = new CommandLine(cli);
        if (withSubcommands) {
            addSubcommands(commandLine);
        }
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(context.out(), StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(context.err(), StandardCharsets.UTF_8), true));
        commandLine.setParameterExceptionHandler(ErrorHandlers::usage);
        commandLine.setExecutionExceptionHandler(new ErrorHandlers(cli));
        return commandLine;
    }

    Context context() {
        return context;
    }

    @Override
    public Integer call() {
        DaemonSettings settings = settings();
        // Checked here as well as at start: --daemonize must not detach a daemon that cannot start.
        ConfigScanner.requireExisting(settings.configPath());
        if (settings.daemonize()) {
            return Daemonizer.run(settings, context.mainClass(), warning -> context.err()
                    .println(Sentences.line("warning: " + warning)));
        }
        return new DaemonRunner(settings, context.services()).run();
    }

    /** The daemon settings these options give; {@link CliFailure} (usage) when they contradict or are out of range. */
    DaemonSettings settings() {
        return CliSettings.daemon(this);
    }

    /** The ZooKeeper credentials and TLS options, checked for consistency (not yet for the files' contents). */
    ZkSecurity zkSecurity() {
        return zkSecurityOptions.security();
    }

    /** The checked, normalised connect string for {@code user}; also checks it against {@code --embedded-zk}. */
    String zkServersFor(String user) {
        return CliSettings.zkServers(this, user);
    }

    /** Prints {@code twitcher <version>}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"twitcher " + Version.get()};
        }
    }
}
