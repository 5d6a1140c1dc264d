package io.twitcher.plugin.config.jruby;

import static io.twitcher.plugin.config.jruby.SharedLoader.load;
import static io.twitcher.plugin.config.jruby.SharedLoader.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.FleetControls;
import io.twitcher.api.RunMode;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.WatchType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RubyConfigLoaderTest {

    @Test
    void envIsAHashOfNamesToStrings() throws Exception {
        WatchDefinition w = one("conf/env.rb", """
                register_watch znode: '/a', action: exec('true'), env: {'DEPLOY_TARGET' => 'blue', LANG: 'C.UTF-8'}
                """);
        assertEquals(Map.of("DEPLOY_TARGET", "blue", "LANG", "C.UTF-8"), w.env());
    }

    @Test
    void fleetControlsAreRead() throws Exception {
        WatchDefinition w = one(
                "conf/fleet.rb",
                "register_watch znode: '/git/head', action: exec('git pull'),"
                        + " splay: 30, debounce: 2.5, fleet_limit: 10, fleet_path: '/locks/git', run_on_load: :if_changed\n");
        assertEquals(
                new FleetControls(Duration.ofSeconds(30), Duration.ofMillis(2500), 10, "/locks/git", true), w.fleet());
        assertEquals(
                FleetControls.NONE,
                one(
                                "conf/plain.rb",
                                "register_watch znode: '/a', action: exec('x'),"
                                        + " splay: nil, debounce: 0, fleet_limit: 0, fleet_path: nil\n")
                        .fleet());
    }

    @Test
    void everyArgumentIsMapped() throws Exception {
        WatchDefinition w = one("conf/deploy.rb", """
                # deploy
                register_watch znode: '/git/head', action: exec('git pull'), pipe_stdin: false, run_on_load: false,
                               run_mode: :discard, description: 'déploiement', uid: 'nobody', gid: 65534,
                               watch_type: :children, notify_signal: :USR1, timeout: 2.5
                """);
        assertEquals("/git/head", w.znode());
        assertEquals(ActionSpec.shell("git pull"), w.action());
        assertFalse(w.pipeStdin());
        assertFalse(w.runOnLoad());
        assertEquals(RunMode.DISCARD, w.runMode());
        assertEquals("déploiement", w.description());
        assertEquals("nobody", w.user());
        assertEquals("65534", w.group());
        assertEquals(WatchType.CHILDREN, w.watchType());
        assertEquals(10, w.notifySignal());
        assertEquals(Duration.ofMillis(2500), w.timeout());
        assertEquals("conf/deploy.rb:2", w.origin());
    }

    @Test
    void omittedAndNilArgumentsTakeRegisterWatchDefaults() throws Exception {
        for (String extra : List.of("", ", description: nil, uid: nil, gid: nil, notify_signal: nil, timeout: nil")) {
            WatchDefinition w = one("conf/d.rb", "register_watch znode: '/a', action: exec('x')" + extra);
            assertTrue(w.pipeStdin());
            assertTrue(w.runOnLoad());
            assertEquals(RunMode.QUEUE, w.runMode());
            assertEquals("conf/d.rb-1", w.description());
            assertNull(w.user());
            assertNull(w.group());
            assertEquals(WatchType.DATA, w.watchType());
            assertEquals(0, w.notifySignal());
            assertNull(w.timeout());
            assertEquals("conf/d.rb:1", w.origin());
        }
    }

    @Test
    void znodeAndActionMayBePositionalAsInRegisterWatch() throws Exception {
        WatchDefinition w = one("conf/p.rb", "register_watch '/a', exec('x'), run_mode: DISCARD");
        assertEquals("/a", w.znode());
        assertEquals(ActionSpec.shell("x"), w.action());
        assertEquals(RunMode.DISCARD, w.runMode());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                ":queue|QUEUE",
                ":QUEUE|QUEUE",
                "QUEUE|QUEUE",
                "1|QUEUE",
                ":parallel|PARALLEL",
                "PARALLEL|PARALLEL",
                "2|PARALLEL",
                ":discard|DISCARD",
                "DISCARD|DISCARD",
                "3|DISCARD"
            })
    void runModeIsASymbolAConstantOrItsNumber(String ruby, RunMode expected) throws Exception {
        assertEquals(
                expected,
                one("conf/m.rb", "register_watch znode: '/a', action: exec('x'), run_mode: " + ruby)
                        .runMode());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                ":data|DATA",
                "WATCH_DATA|DATA",
                "1|DATA",
                ":children|CHILDREN",
                ":Children|CHILDREN",
                "WATCH_CHILDREN|CHILDREN",
                "2|CHILDREN"
            })
    void watchTypeIsASymbolAConstantOrItsNumber(String ruby, WatchType expected) throws Exception {
        assertEquals(
                expected,
                one("conf/t.rb", "register_watch znode: '/a', action: exec('x'), watch_type: " + ruby)
                        .watchType());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {"1|1", ":HUP|1", "'HUP'|1", "'SIGUSR1'|10", ":sigterm|15", "Signal.list['INT']|2", "31|31"})
    void notifySignalIsANumberOrAName(String ruby, int expected) throws Exception {
        assertEquals(
                expected,
                one("conf/s.rb", "register_watch znode: '/a', action: exec('x'), notify_signal: " + ruby)
                        .notifySignal());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"5|PT5S", "0.25|PT0.25S", "Rational(3, 4)|PT0.75S", "86400|PT24H"})
    void timeoutIsAnyPositiveNumberOfSeconds(String ruby, Duration expected) throws Exception {
        assertEquals(
                expected,
                one("conf/o.rb", "register_watch znode: '/a', action: exec('x'), timeout: " + ruby)
                        .timeout());
    }

    @Test
    void uidAndGidAreNamesOrNumbers() throws Exception {
        WatchDefinition w = one("conf/u.rb", "register_watch znode: '/a', action: exec('x'), uid: 0, gid: 'adm'");
        assertEquals("0", w.user());
        assertEquals("adm", w.group());
    }

    @Test
    void everyActionFormBuildsItsActionSpec() throws Exception {
        List<WatchDefinition> ws = load("conf/actions.rb", """
                register_watch znode: '/1', action: exec('git pull')
                register_watch znode: '/2', action: exec(['git', 'pull', '--ff-only'])
                register_watch znode: '/3', action: exec('git', 'pull')
                register_watch znode: '/4', action: webhook(url: 'https://ci.example/hook', method: :put,
                               headers: { 'X-Token' => 'abc', Accept: 'text/plain' }, timeout: 5, backoff: 0.5,
                               retries: 2, secret: 's3cret', verify: [true, 1])
                register_watch znode: '/5', action: webhook('https://ci.example/hook', secret: nil)
                register_watch znode: '/6', action: java_action('audit', level: 2)
                register_watch znode: '/7', action: java_action(:audit)
                register_watch znode: '/8', action: action(:exec, command: 'make')
                register_watch znode: '/9', action: action('mail', to: 'ops@example.org')
                """);
        assertEquals(
                List.of(
                        ActionSpec.of("exec", Map.of("command", "git pull")),
                        ActionSpec.of("exec", Map.of("argv", List.of("git", "pull", "--ff-only"))),
                        ActionSpec.of("exec", Map.of("argv", List.of("git", "pull"))),
                        ActionSpec.of(
                                "http",
                                Map.of(
                                        "url",
                                        "https://ci.example/hook",
                                        "method",
                                        "put",
                                        "headers",
                                        Map.of("X-Token", "abc", "Accept", "text/plain"),
                                        "timeout",
                                        5L,
                                        "backoff",
                                        0.5,
                                        "retries",
                                        2L,
                                        "secret",
                                        "s3cret",
                                        "verify",
                                        List.of(true, 1L))),
                        ActionSpec.of("http", Map.of("url", "https://ci.example/hook")),
                        ActionSpec.of("java", Map.of("name", "audit", "level", 2L)),
                        ActionSpec.of("java", Map.of("name", "audit")),
                        ActionSpec.of("exec", Map.of("command", "make")),
                        ActionSpec.of("mail", Map.of("to", "ops@example.org"))),
                ws.stream().map(WatchDefinition::action).toList());
        assertEquals(
                List.of("url", "method", "headers", "timeout", "backoff", "retries", "secret", "verify"),
                List.copyOf(ws.get(3).action().params().keySet()));
    }

    @Test
    void blocksLambdasProcsMethodsAndCallablesAreInProcessActions() throws Exception {
        List<WatchDefinition> ws = load("conf/inline.rb", """
                def deploy(data)
                  data
                end
                class Notifier
                  def call; end
                end
                register_watch(znode: '/1') { |data| data }
                register_watch znode: '/2' do
                end
                register_watch znode: '/3', action: -> { }
                register_watch znode: '/4', action: lambda { |data| data }
                register_watch znode: '/5', action: proc { }
                register_watch znode: '/6', action: method(:deploy)
                register_watch znode: '/7', action: Notifier.new
                """);
        assertEquals(7, ws.size());
        for (int i = 0; i < ws.size(); i++) {
            ActionSpec spec = ws.get(i).action();
            assertTrue(spec.isInline(), spec::toString);
            assertEquals("ruby", spec.type());
            assertFalse(spec.inline().runsProcess());
            assertEquals(
                    "conf/inline.rb:" + (7 + i + (i > 1 ? 1 : 0)), ws.get(i).origin());
        }
    }

    @Test
    void fiftyWatchesFromALoopKeepTheirOrderAndTheCallsLine() throws Exception {
        List<WatchDefinition> ws = load("conf/many.rb", """
                50.times do |i|
                  register_watch znode: "/shard/#{i}", action: exec(['deploy', i.to_s]),
                                 run_mode: i.even? ? :queue : :parallel
                end
                """);
        assertEquals(50, ws.size());
        for (int i = 0; i < 50; i++) {
            WatchDefinition w = ws.get(i);
            assertEquals("/shard/" + i, w.znode());
            assertEquals(ActionSpec.of("exec", Map.of("argv", List.of("deploy", Integer.toString(i)))), w.action());
            assertEquals(i % 2 == 0 ? RunMode.QUEUE : RunMode.PARALLEL, w.runMode());
            assertEquals("conf/many.rb-" + (i + 1), w.description());
            assertEquals("conf/many.rb:2", w.origin());
        }
    }

    @Test
    void theLineIsTheRegisterWatchCallEvenInsideHelpersAndClasses() throws Exception {
        List<WatchDefinition> ws = load("conf/helpers.rb", """
                def watch_service(name)
                  register_watch znode: "/services/#{name}",
                                 action: exec("systemctl reload #{name}")
                end

                class Fleet
                  def self.watch(*names)
                    names.each { |n| register_watch znode: "/fleet/#{n}", action: exec('true') }
                  end
                end

                watch_service 'nginx'
                Fleet.watch('a', 'b')
                """);
        assertEquals(
                List.of("conf/helpers.rb:2", "conf/helpers.rb:8", "conf/helpers.rb:8"),
                ws.stream().map(WatchDefinition::origin).toList());
        assertEquals(
                List.of("/services/nginx", "/fleet/a", "/fleet/b"),
                ws.stream().map(WatchDefinition::znode).toList());
    }

    @Test
    void filesAreIsolatedFromEachOther() throws Exception {
        String first = """
                HOST = 'alpha'
                def helper = 'from first'
                class Deployer; end
                register_watch znode: "/#{HOST}", action: exec(helper)
                """;
        assertEquals(ActionSpec.shell("from first"), one("conf/first.rb", first).action());
        WatchDefinition second = one("conf/second.rb", """
                seen = [defined?(HOST), defined?(helper), defined?(Deployer)].map { |d| d || 'none' }
                HOST = 'beta'
                register_watch znode: "/#{HOST}", action: exec(seen.join(' '))
                """);
        assertEquals("/beta", second.znode());
        assertEquals(ActionSpec.shell("none none none"), second.action());
        // Reloading a file redefines its constants in a fresh module, without clashing with the first load.
        assertEquals("/alpha", one("conf/first.rb", first).znode());
        ConfigException e = assertThrows(ConfigException.class, () -> load("conf/third.rb", "helper"));
        assertEquals(
                "conf/third.rb:1: undefined local variable or method `helper' for main:Module (NameError)",
                e.getMessage());
    }

    @Test
    void aFileWithoutRegisterWatchDefinesNothing() throws Exception {
        assertEquals(List.of(), load("conf/empty.rb", "# nothing yet\nx = 1 + 1\n"));
    }

    @Test
    void stdlibCanBeRequired() throws Exception {
        WatchDefinition w = one("conf/req.rb", """
                require 'json'
                settings = JSON.parse('{"znode": "/from/json"}')
                register_watch znode: settings['znode'], action: exec('x')
                """);
        assertEquals("/from/json", w.znode());
    }

    @Test
    void exitBangRejectsTheFileAndTheRuntimeGoesOn() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> load("conf/quit.rb", "exit! 3"));
        assertEquals("conf/quit.rb: exit! was called (status 3)", e.getMessage());
        assertEquals(
                "/after",
                one("conf/after.rb", "register_watch znode: '/after', action: exec('x')")
                        .znode());
    }

    @Test
    void rubyStartsOnlyOnTheFirstLoadThatNeedsItAndStopsOnClose() throws Exception {
        RubyConfigLoader loader = new RubyConfigLoader();
        assertEquals(java.util.Set.of(".rb"), loader.suffixes());
        assertFalse(loader.started());
        ConfigFile literal = new ConfigFile(
                Path.of("/etc/twitcher/a.rb"),
                "a.rb",
                "register_watch znode: '/a', action: exec('x')".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, loader.load(literal).size());
        assertFalse(loader.started(), "a file of literal calls is read without JRuby");
        ConfigFile file = new ConfigFile(
                Path.of("/etc/twitcher/b.rb"),
                "b.rb",
                "path = '/b'\nregister_watch znode: path, action: exec('x')".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, loader.load(file).size());
        assertTrue(loader.started());
        loader.close();
        assertFalse(loader.started());
        loader.close();
        assertThrows(IllegalStateException.class, () -> loader.load(file));
    }

    @Test
    void failurePolicyArgumentsAreMapped() throws Exception {
        WatchDefinition w = one("conf/retry.rb", """
                register_watch znode: '/a', action: exec('x'), retries: 4, retry_delay: 0.5, on_failure: :stop_watching
                """);
        assertEquals(4, w.retries());
        assertEquals(Duration.ofMillis(500), w.retryDelay());
        assertEquals(io.twitcher.api.OnFailure.STOP_WATCHING, w.onFailure());
        WatchDefinition d = one("conf/plain.rb", "register_watch znode: '/a', action: exec('x')\n");
        assertEquals(0, d.retries());
        assertEquals(io.twitcher.api.OnFailure.KEEP_WATCHING, d.onFailure());
    }
}
