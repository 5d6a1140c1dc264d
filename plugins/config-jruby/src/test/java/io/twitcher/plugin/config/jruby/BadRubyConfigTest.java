package io.twitcher.plugin.config.jruby;

import static io.twitcher.plugin.config.jruby.SharedLoader.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.twitcher.api.ConfigException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad .rb files: each is rejected whole with {@code <file>:<line>: <reason>}, the line being the call at fault. */
class BadRubyConfigTest {
    private static final String OK = "register_watch znode: '/a', action: exec('x'), ";

    static Stream<Arguments> badFiles() {
        return Stream.of(
            bad("register_watch znod: '/a', action: exec('x')", 1, "register_watch: unknown keyword: :znod"),
            bad(OK + "colour: 1, 'size' => 2", 1, "register_watch: unknown keywords: :colour, 'size' (String)"),
            bad("register_watch action: exec('x')", 1, "register_watch: znode is required"),
            bad("\nregister_watch znode: '/a'", 2,
                "register_watch: action is required: give action: exec('...') (or another action) or a block"),
            bad("register_watch znode: 'a', action: exec('x')", 1,
                "register_watch: znode must be an absolute path starting with '/', not 'a'"),
            bad("register_watch znode: :a, action: exec('x')", 1, "register_watch: znode must be a String, not :a (Symbol)"),
            bad(OK + "pipe_stdin: 1", 1, "register_watch: pipe_stdin must be true or false, not 1 (Integer)"),
            bad(OK + "run_on_load: nil", 1, "register_watch: run_on_load must be true, false or :if_changed, not nil"),
            bad(OK + "run_on_load: :always", 1,
                "register_watch: run_on_load must be true, false or :if_changed, not :always (Symbol)"),
            bad(OK + "splay: '5'", 1, "register_watch: splay must be a number of seconds from 0 to 86400, not '5' (String)"),
            bad(OK + "splay: -1", 1, "register_watch: splay must be a number of seconds from 0 to 86400, not -1"),
            bad(OK + "debounce: 86401", 1,
                "register_watch: debounce must be a number of seconds from 0 to 86400, not 86401"),
            bad(OK + "fleet_limit: 2.5", 1,
                "register_watch: fleet_limit must be a number of machines from 1 to 10000 (0: no limit), not 2.5 (Float)"),
            bad(OK + "fleet_limit: -1", 1,
                "register_watch: fleet_limit must be a number of machines from 1 to 10000 (0: no limit), not -1"),
            bad(OK + "fleet_limit: 2, fleet_path: 'locks'", 1,
                "register_watch: fleet_path must be an absolute path starting with '/', not 'locks'"),
            bad(OK + "fleet_path: '/locks'", 1, "register_watch: fleet_path needs fleet_limit"),
            bad(OK + "run_mode: :sometimes", 1, "register_watch: run_mode must be :queue, :discard or :parallel"
                + " (or QUEUE, DISCARD, PARALLEL), not :sometimes (Symbol)"),
            bad(OK + "run_mode: 'queue'", 1, "register_watch: run_mode must be :queue, :discard or :parallel"
                + " (or QUEUE, DISCARD, PARALLEL), not 'queue' (String)"),
            bad(OK + "run_mode: 7", 1, "register_watch: run_mode must be :queue, :discard or :parallel"
                + " (or QUEUE, DISCARD, PARALLEL), not 7 (Integer)"),
            bad(OK + "watch_type: :tree", 1, "register_watch: watch_type must be :data or :children"
                + " (or WATCH_DATA, WATCH_CHILDREN), not :tree (Symbol)"),
            bad(OK + "notify_signal: 99", 1,
                "register_watch: notify_signal must be a signal number from 1 to 31 or a name such as HUP, not 99"),
            bad(OK + "notify_signal: 0", 1,
                "register_watch: notify_signal must be a signal number from 1 to 31 or a name such as HUP, not 0"),
            bad(OK + "notify_signal: :NOPE", 1,
                "register_watch: notify_signal must be a signal number from 1 to 31 or a name such as HUP, not 'NOPE'"),
            bad(OK + "notify_signal: 1.5", 1, "register_watch: notify_signal must be a signal number from 1 to 31"
                + " or a name such as :HUP, not 1.5 (Float)"),
            bad(OK + "env: 'X=1'", 1, "register_watch: env must be a Hash of String to String such as"
                + " {'DEPLOY_TARGET' => 'blue'}, not 'X=1' (String)"),
            bad(OK + "env: {'A' => 1}", 1, "register_watch: env: the value of A must be a String, not 1 (Integer)"),
            bad(OK + "env: {1 => 'x'}", 1, "register_watch: env names must be Strings, not 1 (Integer)"),
            bad(OK + "env: {'A-B' => 'x'}", 1, "register_watch: env: 'A-B' is not a valid variable name (letters,"
                + " digits and '_', not starting with a digit)"),
            bad(OK + "env: {'TWITCHER_ZNODE' => '/b'}", 1,
                "register_watch: env: TWITCHER_ZNODE is set by the daemon; TWITCHER_ names are reserved"),
            bad(OK + "env: {'A' => \"x\\u0000y\"}", 1,
                "register_watch: env: the value of A is not valid text (it contains U+0000)"),
            bad(OK + "timeout: 0", 1, "register_watch: timeout must be a number of seconds greater than 0, not 0"),
            bad(OK + "uid: 2147483648", 1,
                "register_watch: uid must be a name or a number from 0 to 2147483647, not 2147483648"),
            bad(OK + "retries: -1", 1, "register_watch: retries must be a whole number from 0 to 100, not -1"),
            bad(OK + "retries: '2'", 1,
                "register_watch: retries must be a whole number from 0 to 100, not '2' (String)"),
            bad(OK + "retry_delay: 0", 1,
                "register_watch: retry_delay must be a number of seconds greater than 0, not 0"),
            bad(OK + "retry_delay: :soon", 1,
                "register_watch: retry_delay must be a number of seconds greater than 0, not :soon (Symbol)"),
            bad(OK + "on_failure: :panic", 1,
                "register_watch: on_failure must be :keep_watching or :stop_watching, not :panic (Symbol)"),
            bad(OK + "timeout: -1.5", 1,
                "register_watch: timeout must be a number of seconds greater than 0, not -1.5"),
            bad(OK + "timeout: '5'", 1,
                "register_watch: timeout must be a number of seconds greater than 0, not '5' (String)"),
            bad(OK + "uid: -1", 1, "register_watch: uid must be a name or a number from 0 to 2147483647, not -1"),
            bad(OK + "uid: 'bad name'", 1, "register_watch: uid must be a user name or a number, not 'bad name'"),
            bad(OK + "gid: 1.5", 1,
                "register_watch: gid must be a group name (String) or number (Integer), not 1.5 (Float)"),
            bad(OK + "description: ''", 1, "register_watch: description must not be empty"),
            bad(OK + "description: :deploy", 1, "register_watch: description must be a String, not :deploy (Symbol)"),
            bad("register_watch(znode: '/a', uid: 'nobody') { }", 1, "register_watch: uid and gid apply only to"
                + " actions that run a process (such as Exec), not to a function running inside the daemon"),
            bad("register_watch znode: '/a', action: 'git pull'", 1, "register_watch: action must be exec(...),"
                + " webhook(...), java_action(...), action(...), a lambda, a proc or a method, not 'git pull'"
                + " (String); to run a command write exec('git pull')"),
            bad("register_watch(znode: '/a', action: exec('x')) { }", 1,
                "register_watch: give either action: or a block, not both"),
            bad("register_watch znode: '/a', action: ->(a, b) { }", 1,
                "register_watch: an in-process action takes no argument or one (the data), not 2"),
            bad("register_watch '/a', exec('x'), 3", 1, "register_watch: wrong number of arguments (given 3,"
                + " expected 0..2: znode and action, then keywords)"),
            bad("register_watch '/a', znode: '/b', action: exec('x')", 1,
                "register_watch: znode given both as an argument and as a keyword"),
            bad("opts = { znode: '/a', action: exec('x') }\nregister_watch(opts)", 2, "register_watch: give keyword"
                + " arguments (register_watch(znode: '/x', action: ...)), not a Hash; to pass a Hash as keywords,"
                + " write register_watch(**options)"),
            bad("register_watch znode: '/a', action: exec", 1, "exec: give a command (exec('git pull')) or a program"
                + " and its arguments (exec('git', 'pull'))"),
            bad("register_watch znode: '/a', action: exec(42)", 1,
                "exec: the command must be a String or an Array of Strings, not 42 (Integer)"),
            bad("register_watch znode: '/a', action: exec([])", 1, "exec: the argument list must not be empty"),
            bad("register_watch znode: '/a', action: exec(['git', 1])", 1,
                "exec: the program and its arguments must be Strings, not 1 (Integer)"),
            bad("register_watch znode: '/a', action: exec('  ')", 1, "exec: the command must not be empty"),
            bad("register_watch znode: '/a', action: webhook(timeout: 5)", 1,
                "webhook: url is required (webhook(url: 'https://...'))"),
            bad("register_watch znode: '/a', action: webhook(url: :x)", 1,
                "webhook: url must be a non-empty String, not :x (Symbol)"),
            bad("register_watch znode: '/a', action: webhook(url: 'http://h', headers: Object)", 1,
                "webhook: headers must be plain data (a String, Symbol, Integer, Float, true, false, Array or Hash),"
                + " not Object (Class)"),
            bad("register_watch znode: '/a', action: action(:http, **{ 1 => 2 })", 1,
                "action: parameter names must be Symbols or Strings, not 1 (Integer)"),
            bad("register_watch znode: '/a', action: java_action", 1, "java_action: the callback's name must be a"
                + " non-empty String or Symbol, as in java_action('audit'), not nil"),
            bad("register_watch znode: '/a', action: action(5)", 1,
                "action: the action type must be a Symbol or String such as :exec or :http, not 5 (Integer)"),
            bad("\n\nfoo", 3, "undefined local variable or method `foo' for main:Module (NameError)"),
            bad("x = nil\nx.upcase", 2, "undefined method `upcase' for nil:NilClass (NoMethodError)"),
            bad("def check\n  raise ArgumentError, 'no hosts'\nend\ncheck", 2, "no hosts (ArgumentError)"),
            bad("class Oops < StandardError; end\nraise Oops, 'custom'", 2, "custom (Oops)"),
            bad("register_watch(\n  znode: '/a',\n  action: exec('x'),,\n)", 3, "syntax error, unexpected ','"),
            bad("3.times do |i|\n  register_watch znode: \"/n#{i}\", action: exec('x'), timeout: 1 - i\nend", 2,
                "register_watch: timeout must be a number of seconds greater than 0, not 0"),
            bad("register_watch(znode: '/a',\n  action: exec('x'),\n  run_on_load: 'yes')", 1,
                "register_watch: run_on_load must be true, false or :if_changed, not 'yes' (String)"),
            bad("begin\n  register_watch znode: 'rel', action: exec('x')\nrescue => e\nend\n" + OK + "timeout: 1", 2,
                "register_watch: znode must be an absolute path starting with '/', not 'rel'"),
            bad("exit 1", 1, "exit (SystemExit)"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badFileIsRejectedWithFileLineAndReason(String text, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> load("conf.d/bad.rb", text));
        assertEquals(message, e.getMessage());
    }

    private static Arguments bad(String text, int line, String reason) {
        return Arguments.of(text, "conf.d/bad.rb:" + line + ": " + reason);
    }
}
