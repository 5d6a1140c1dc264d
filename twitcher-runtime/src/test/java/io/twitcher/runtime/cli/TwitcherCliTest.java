package io.twitcher.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.daemon.DaemonSettings;
import io.twitcher.runtime.daemon.Pidfile;
import io.twitcher.runtime.lifecycle.StartupException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class TwitcherCliTest {
    private static final List<String> EVERY_OPTION = List.of(
            "-d",
            "--debug",
            "-v",
            "--verbose",
            "--daemonize",
            "--pidfile",
            "--logfile",
            "--log_to_stdout",
            "--devel",
            "--config_path",
            "--zkservers",
            "--plugins_dir",
            "--embedded-zk",
            "--session_timeout",
            "--parallel_cap",
            "--shutdown_grace",
            "--http_port",
            "--http_bind",
            "--control_socket",
            "--state_dir",
            "--log_config",
            "--log_format",
            "--max_running",
            "-V",
            "--version",
            "--help");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--foo|unknown option: '--foo'",
                "--parallel_cap x|'--parallel_cap': 'x'",
                "--parallel_cap 0|--parallel_cap must be at least 1",
                "--max_running 0|--max_running must be at least 1, not 0",
                "--max_running many|'--max_running': 'many'",
                "--session_timeout abc|'abc' is not a number of seconds",
                "--session_timeout 0|--session_timeout must be greater than 0",
                "--load_timeout 0|--load_timeout must be greater than 0",
                "--load_timeout soon|'soon' is not a number of seconds",
                "--shutdown_grace -1|'-1' is not a number of seconds",
                "--pidfile|missing required parameter for option '--pidfile'",
                "--zkservers a:99999|invalid --zkservers: 'a:99999' has port '99999'",
                "--zkservers a,,b|stray comma",
                "--zkservers zk/a/|the chroot must not end with '/'",
                "--embedded-zk=0|--embedded-zk port must be from 1 to 65535",
                "--embedded-zk=x|'--embedded-zk': 'x'",
                "--embedded-zk --zkservers zk1|--embedded-zk and --zkservers cannot be used together",
                "--daemonize --log_to_stdout|--daemonize and --log_to_stdout cannot be used together",
                "poke|missing required parameter: 'ZNODE'",
                "poke relative/path|invalid ZNODE: znode must be an absolute path",
                "poke /a b c|unmatched argument",
                "poke --zkservers a:0 /a|invalid --zkservers",
                "check a b|unmatched argument",
                "nonsense|unmatched argument",
                "--http_port 70000|--http_port must be from 0 to 65535, not 70000",
                "--http-port x|'--http_port': 'x' is not an int",
                "--log_format xml|--log_format must be text or json, not 'xml'",
                "--log_config /nonexistent/logback.xml|--log_config /nonexistent/logback.xml is not a file",
                "check --zkservers zk1|unknown option: '--zkservers'",
                "poke --config_path /etc /a|unknown option: '--config_path'",
                "status --zkservers zk1|unknown options: '--zkservers'"
            })
    void badCommandLinesAreOneSentenceWithExitCode2(String args, String fragment) {
        CliRun.of(args.split(" ")).failsWith(2, fragment);
    }

    @Test
    void usageErrorsPointAtTheRightHelp() {
        CliRun.of("--foo").failsWith(2, "(see 'twitcher --help')");
        CliRun.of("poke").failsWith(2, "(see 'twitcher poke --help')");
    }

    @Test
    void onlyADaemonLineIsParsedWithoutTheSubcommands() {
        assertTrue(plainDaemonLine());
        assertTrue(plainDaemonLine("--zkservers", "zk1:2181", "--config_path", dir.toString(), "-v"));
        assertFalse(plainDaemonLine("poke", "/a", "b"));
        assertFalse(plainDaemonLine("-v", "check"));
        assertFalse(plainDaemonLine("help"));
        assertFalse(plainDaemonLine("--help"));
        assertFalse(plainDaemonLine("-vh"));
        assertFalse(plainDaemonLine("--version"));
        assertFalse(plainDaemonLine("--foo"));
        assertFalse(plainDaemonLine("--zkservers", "status"));
    }

    @Test
    void aSubcommandsNameAsAnOptionsValueIsRefusedAsWithTheSubcommands() {
        CliRun.of("--zkservers", "poke", "--config_path", dir.toString())
                .failsWith(2, "expected parameter for option '--zkservers' but found 'poke' (see 'twitcher --help')");
    }

    @Test
    void theSubcommandNamesThatSkipTheLeanModelAreTheSubcommands() {
        CommandLine full = new CommandLine(new TwitcherCli(null));
        TwitcherCli.addSubcommands(full);
        assertEquals(TwitcherCli.SUBCOMMANDS, full.getSubcommands().keySet());
    }

    private static boolean plainDaemonLine(String... args) {
        return TwitcherCli.isPlainDaemonLine(new CommandLine(new TwitcherCli(null)), args);
    }

    @Test
    void aMissingConfigPathIsARuntimeFailure() {
        CliRun.of("--config_path", dir.resolve("absent").toString())
                .failsWith(1, "the config path " + dir.resolve("absent") + " does not exist");
        CliRun.of("check", dir.resolve("absent").toString()).failsWith(1, "does not exist");
    }

    @Test
    void helpListsEveryOptionAndBothSubcommands() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.code());
        for (String option : EVERY_OPTION) {
            assertTrue(run.out().contains(option), option + " missing from help:\n" + run.out());
        }
        assertTrue(run.out().contains("check") && run.out().contains("poke"));
        assertTrue(run.out().contains("--devel") && run.out().contains("foreground"));
        assertEquals("", run.err());
    }

    @Test
    void subcommandHelpShowsTheirParameters() {
        CliRun poke = CliRun.of("poke", "--help");
        assertEquals(0, poke.code());
        assertTrue(poke.out().contains("ZNODE")
                && poke.out().contains("DATA")
                && poke.out().contains("--zkservers"));
        CliRun check = CliRun.of("check", "--help");
        assertTrue(check.out().contains("PATH") && check.out().contains("file:line: reason"));
    }

    @Test
    void versionPrintsOneLine() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.code());
        assertTrue(run.out().matches("twitcher \\S+\\R"), run.out());
    }

    @Test
    void defaultsAreTheOriginals() {
        DaemonSettings s = settings();
        assertEquals("localhost:2181", s.zkServers());
        assertEquals(0, s.embeddedZkPort());
        assertEquals(Path.of("/etc/twitcher"), s.configPath());
        assertEquals(Duration.ofSeconds(10), s.sessionTimeout());
        assertEquals(16, s.parallelCap());
        assertEquals(64, s.maxRunning());
        assertEquals(Duration.ofSeconds(10), s.shutdownGrace());
        assertNull(s.pidfile());
        assertFalse(s.daemonize());
        assertTrue(s.log().syslog());
        assertFalse(s.log().debug() || s.log().verbose());
    }

    @Test
    void pluginsDirDefaultsToTheLaunchersProperty() {
        String old = System.getProperty("twitcher.plugins.dir");
        try {
            System.clearProperty("twitcher.plugins.dir");
            assertEquals(Path.of("/usr/share/twitcher/plugins"), settings().pluginsDir());
            System.setProperty("twitcher.plugins.dir", dir.toString());
            assertEquals(dir, settings().pluginsDir());
            assertEquals(Path.of("/x"), settings("--plugins_dir", "/x").pluginsDir());
        } finally {
            if (old == null) {
                System.clearProperty("twitcher.plugins.dir");
            } else {
                System.setProperty("twitcher.plugins.dir", old);
            }
        }
    }

    @Test
    void embeddedZkWithoutAPortListensOn2181AndIsUsed() {
        DaemonSettings s = settings("--embedded-zk");
        assertEquals(2181, s.embeddedZkPort());
        assertEquals("127.0.0.1:2181", s.zkServers());
    }

    @Test
    void embeddedZkTakesAPortAttachedOrSeparate() {
        assertEquals(2182, settings("--embedded-zk=2182").embeddedZkPort());
        assertEquals("127.0.0.1:3000", settings("--embedded-zk", "3000").zkServers());
    }

    @Test
    void zkserversAreCheckedAndNormalised() {
        assertEquals(
                "zk1:2181,zk2:2888/twitcher",
                settings("--zkservers", "zk1,zk2:2888/twitcher").zkServers());
    }

    @Test
    void develMeansForegroundStdoutAndDebug() {
        DaemonSettings s = settings("--devel", "--daemonize");
        assertFalse(s.daemonize());
        assertTrue(s.log().stdout() && s.log().debug());
        assertFalse(s.log().syslog());
    }

    @Test
    void logOptionsMapToLogTargetsAndLevels() {
        DaemonSettings s = settings("-v", "--logfile", "/var/log/t.log", "--log_to_stdout");
        assertTrue(s.log().verbose());
        assertFalse(s.log().debug());
        assertEquals(Path.of("/var/log/t.log"), s.log().logfile());
        assertTrue(s.log().stdout());
        assertTrue(settings("-dv").log().debug());
    }

    @Test
    void numbersAcceptDecimalSeconds() {
        DaemonSettings s = settings("--session_timeout", "2.5", "--shutdown_grace=0", "--parallel_cap", "3");
        assertEquals(Duration.ofMillis(2500), s.sessionTimeout());
        assertEquals(Duration.ZERO, s.shutdownGrace());
        assertEquals(3, s.parallelCap());
    }

    @Test
    void loadTimeoutDefaultsToThirtySecondsAndGoesToTheDetachedDaemon() {
        assertEquals(Duration.ofSeconds(30), settings().loadTimeout());
        DaemonSettings s = settings("--load_timeout", "2.5");
        assertEquals(Duration.ofMillis(2500), s.loadTimeout());
        assertTrue(
                s.foregroundArgs().contains("--load_timeout=2.5"),
                s.foregroundArgs().toString());
        assertEquals(
                s.loadTimeout(),
                settings(s.foregroundArgs().toArray(String[]::new)).loadTimeout());
    }

    @Test
    void foregroundArgsRoundTripWithAbsolutePaths() {
        DaemonSettings s = settings(
                "-d",
                "--zkservers",
                "zk1/x",
                "--config_path",
                "conf",
                "--logfile",
                "t.log",
                "--pidfile",
                "t.pid",
                "--plugins_dir",
                "plugins",
                "--session_timeout",
                "2.5",
                "--max_running",
                "3",
                "--daemonize");
        DaemonSettings again = settings(s.foregroundArgs().toArray(String[]::new));
        assertEquals(s.zkServers(), again.zkServers());
        assertEquals(Path.of("conf").toAbsolutePath(), again.configPath());
        assertEquals(Path.of("t.log").toAbsolutePath(), again.log().logfile());
        assertEquals(Path.of("t.pid").toAbsolutePath(), again.pidfile());
        assertEquals(Path.of("plugins").toAbsolutePath(), again.pluginsDir());
        assertEquals(s.sessionTimeout(), again.sessionTimeout());
        assertEquals(3, again.maxRunning());
        assertTrue(again.log().debug());
        assertFalse(again.daemonize());
        assertFalse(s.foregroundArgs().contains("--daemonize"));
        assertTrue(settings("--embedded-zk=2999").foregroundArgs().contains("--embedded-zk=2999"));
    }

    @Test
    void aPidfileLockedElsewhereStopsTheDaemonNamingThePid() throws IOException {
        Path pidfile = dir.resolve("twitcher.pid");
        try (FileChannel other = FileChannel.open(pidfile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = other.lock()) {
            Files.writeString(pidfile, "4242\n");
            CliRun.of(
                            "--pidfile",
                            pidfile.toString(),
                            "--config_path",
                            dir.toString(),
                            "--logfile",
                            dir.resolve("log").toString())
                    .failsWith(1, "another twitcher (pid 4242) is running with the" + " pidfile " + pidfile);
            assertTrue(lock.isValid());
            assertEquals("4242\n", Files.readString(pidfile), "the running daemon's pidfile was changed");
        }
    }

    @Test
    void aPidfileInAMissingDirectoryIsOneSentence() {
        Path pidfile = dir.resolve("no/such/dir/t.pid");
        CliRun.of(
                        "--pidfile",
                        pidfile.toString(),
                        "--config_path",
                        dir.toString(),
                        "--logfile",
                        dir.resolve("log").toString())
                .failsWith(1, "cannot create the pidfile " + pidfile + " (its directory does not exist)");
    }

    @Test
    void anUnwritableLogfileIsOneSentence() {
        Path logfile = dir.resolve("no/dir/twitcher.log");
        CliRun.of("--logfile", logfile.toString(), "--config_path", dir.toString())
                .failsWith(1, "cannot write the log file " + logfile);
    }

    @Test
    void pidfileIsEmptyUntilStartedHoldsThePidAndIsRemovedAtClose() throws IOException {
        Path path = dir.resolve("p.pid");
        Files.writeString(path, "stale 999");
        Pidfile pidfile = Pidfile.acquire(path);
        assertEquals("", Files.readString(path));
        StartupException second = assertThrows(StartupException.class, () -> Pidfile.acquire(path));
        CliRun.assertOneSentence(Sentences.line(second.getMessage()), "another twitcher is starting");
        pidfile.writePid();
        assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(path, StandardCharsets.US_ASCII));
        pidfile.close();
        assertFalse(Files.exists(path));
        Pidfile.acquire(path).close();
    }

    @Test
    void checkFreeRemovesAStalePidfile() throws IOException {
        Path path = dir.resolve("stale.pid");
        Files.writeString(path, "12345\n");
        Pidfile.checkFree(path);
        assertFalse(Files.exists(path));
    }

    private static DaemonSettings settings(String... args) {
        TwitcherCli cli = new TwitcherCli(null);
        new CommandLine(cli).parseArgs(args);
        return cli.settings();
    }

    @Test
    void everyUnderscoredOptionHasAHyphenatedSpelling() {
        DaemonSettings underscored = settings(
                "--config_path",
                dir.toString(),
                "--plugins_dir",
                dir.toString(),
                "--session_timeout",
                "3",
                "--parallel_cap",
                "2",
                "--shutdown_grace",
                "4",
                "--log_to_stdout",
                "--http_port",
                "9100",
                "--http_bind",
                "0.0.0.0",
                "--control_socket",
                dir.resolve("s").toString(),
                "--state_dir",
                dir.toString(),
                "--log_format",
                "json");
        DaemonSettings hyphenated = settings(
                "--config-path",
                dir.toString(),
                "--plugins-dir",
                dir.toString(),
                "--session-timeout",
                "3",
                "--parallel-cap",
                "2",
                "--shutdown-grace",
                "4",
                "--log-to-stdout",
                "--http-port",
                "9100",
                "--http-bind",
                "0.0.0.0",
                "--control-socket",
                dir.resolve("s").toString(),
                "--state-dir",
                dir.toString(),
                "--log-format",
                "json");
        assertEquals(underscored, hyphenated);
        assertEquals(9100, hyphenated.httpPort());
        assertTrue(hyphenated.logJson());
        CliRun help = CliRun.of("--help");
        for (String option : List.of(
                "--config-path",
                "--plugins-dir",
                "--session-timeout",
                "--parallel-cap",
                "--shutdown-grace",
                "--log-to-stdout",
                "--http-port",
                "--control-socket",
                "--state-dir")) {
            assertTrue(help.out().contains(option), option + " missing from help:\n" + help.out());
        }
    }

    @Test
    void newDaemonOptionsRoundTripThroughDaemonize() {
        DaemonSettings s = settings(
                "--config_path",
                dir.toString(),
                "--http_port",
                "0",
                "--http_bind",
                "::1",
                "--control_socket",
                dir.resolve("s").toString(),
                "--state_dir",
                dir.toString(),
                "--log_format",
                "json");
        assertEquals(s, settings(s.foregroundArgs().toArray(String[]::new)));
        assertEquals(-1, settings("--config_path", dir.toString()).httpPort());
        assertNull(settings("--config_path", dir.toString(), "--control_socket", "none")
                .controlSocket());
    }

    @Test
    void helpCommandAndCapitalVAtTheTopLevel() {
        CliRun help = CliRun.of("help", "poke");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("ZNODE") && help.out().contains("--zkservers"), help.out());
        assertTrue(CliRun.of("help").out().contains("status"));
        assertTrue(CliRun.of("-V").out().matches("twitcher \\S+\\R"));
    }

    @Test
    void eachSubcommandsHelpListsOnlyTheOptionsItUses() {
        String check = CliRun.of("check", "--help").out();
        assertTrue(
                check.contains("--config_path") && check.contains("--plugins_dir") && check.contains("--debug"), check);
        for (String other : List.of("--zkservers", "--pidfile", "--daemonize", "--http_port", "--control_socket")) {
            assertFalse(check.contains(other), other + " in check's help:\n" + check);
        }
        String poke = CliRun.of("poke", "--help").out();
        assertTrue(poke.contains("--zkservers") && poke.contains("--debug"), poke);
        for (String other : List.of("--config_path", "--plugins_dir", "--pidfile", "--http_port")) {
            assertFalse(poke.contains(other), other + " in poke's help:\n" + poke);
        }
        String status = CliRun.of("status", "--help").out();
        assertTrue(status.contains("--control_socket") && status.contains("--json"), status);
        for (String other : List.of("--zkservers", "--config_path", "--debug", "--pidfile")) {
            assertFalse(status.contains(other), other + " in status's help:\n" + status);
        }
    }
}
