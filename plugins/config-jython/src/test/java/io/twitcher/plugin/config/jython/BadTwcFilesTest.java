package io.twitcher.plugin.config.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.twitcher.api.ConfigException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each file has one defect and is rejected whole with {@code <file>:<line>: <reason>}, the reason a user can act on. */
class BadTwcFilesTest {
    private static final TwcConfigLoader LOADER = new TwcConfigLoader();
    private static final String OK = "RegisterWatch(znode='/a', action=Exec('true')";

    @AfterAll
    static void closeLoader() {
        LOADER.close();
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
            bad("unclosed call", "RegisterWatch(znode='/a',\n  action=Exec('true')\n",
                "2: SyntaxError: mismatched input '\\n' expecting RPAREN"),
            bad("invalid syntax", "x = = 1\n", "1: SyntaxError: no viable alternative at input '='"),
            bad("missing indentation", "if True:\nx = 1\n", "2: SyntaxError: mismatched input 'x' expecting INDENT"),
            bad("non-ASCII without coding line", "# deploy\nRegisterWatch(znode='/caf\u00e9', action=Exec('true'))\n",
                "2: SyntaxError: Non-ASCII character but no encoding declared; add '# -*- coding: utf-8 -*-' as the"
                    + " first line"),
            bad("misspelt name", "RegisterWatch(znode='/a', action=Exce('ls'))", "1: NameError: name 'Exce' is not defined"),
            bad("import of a missing module", "import os\nimport nosuchmodule\n",
                "2: ImportError: No module named nosuchmodule"),
            bad("exception raised at the top level", "x = 1\nraise ValueError('no config today')\n",
                "2: ValueError: no config today"),
            bad("exception raised in a function called at load", "def f():\n  return {}['k']\n\nf()\n",
                "2: KeyError: 'k'"),
            bad("sys.exit at the top level", "import sys\nsys.exit(3)\n", "2: SystemExit: 3"),
            bad("unknown keyword", "RegisterWatch(znod='/a', action=Exec('true'))",
                "1: RegisterWatch() got an unexpected keyword argument 'znod'"),
            bad("too many positional arguments", "RegisterWatch('/a', Exec('true'), True, True, 1, 'd', 0, 0, 1, 1, 5, 0, 0, 0,"
                + " None, {}, 0, 1, KEEP_WATCHING, 6)", "1: RegisterWatch() takes at most 19 arguments (20 given)"),
            bad("argument given twice", "RegisterWatch('/a', Exec('true'), znode='/b')",
                "1: RegisterWatch() got multiple values for keyword argument 'znode'"),
            bad("missing znode", "RegisterWatch(action=Exec('true'))", "1: RegisterWatch: znode is required"),
            bad("missing action", "RegisterWatch(znode='/a')", "1: RegisterWatch: action is required"),
            bad("positional arguments swapped", "RegisterWatch(Exec('true'), '/a')",
                "1: RegisterWatch: znode must be a str, not exec action"),
            bad("relative znode", "RegisterWatch(znode='relative', action=Exec('true'))",
                "1: RegisterWatch: znode must be an absolute path starting with '/', not 'relative'"),
            bad("empty name in znode", "RegisterWatch(znode='/a//b', action=Exec('true'))",
                "1: RegisterWatch: znode must not contain an empty name ('//'): '/a//b'"),
            bad("action not callable", "RegisterWatch(znode='/a', action='ls')",
                "1: RegisterWatch: action must be a function, a lambda, a method or Exec(...), not str 'ls'"),
            bad("action is Exec itself, not called", "RegisterWatch(znode='/a', action=Exec)",
                "1: RegisterWatch: action must be an action such as Exec('command'), not the function Exec itself"),
            bad("action that needs an argument", "RegisterWatch(znode='/a', action=lambda data: data)",
                "1: RegisterWatch: action <lambda>() must be callable without arguments, but it takes 1 (an action is"
                    + " called with none; the data is on sys.stdin)"),
            bad("pipe_stdin not a bool", OK + ", pipe_stdin='yes')",
                "1: RegisterWatch: pipe_stdin must be True or False, not 'yes'"),
            bad("run_on_load as 1", OK + ", run_on_load=1)", "1: RegisterWatch: run_on_load must be True, False or IF_CHANGED, not 1"),
            bad("run_on_load as another string", OK + ", run_on_load='always')",
                "1: RegisterWatch: run_on_load must be True, False or IF_CHANGED, not 'always'"),
            bad("splay as a string", OK + ", splay='5')",
                "1: RegisterWatch: splay must be a number of seconds from 0 to 86400, not '5'"),
            bad("splay negative", OK + ", splay=-1)",
                "1: RegisterWatch: splay must be a number of seconds from 0 to 86400, not -1"),
            bad("debounce too long", OK + ", debounce=86401)",
                "1: RegisterWatch: debounce must be a number of seconds from 0 to 86400, not 86401"),
            bad("fleet_limit as a float", OK + ", fleet_limit=2.5)",
                "1: RegisterWatch: fleet_limit must be a number of machines from 1 to 10000 (0: no limit), not 2.5"),
            bad("fleet_limit negative", OK + ", fleet_limit=-1)",
                "1: RegisterWatch: fleet_limit must be a number of machines from 1 to 10000 (0: no limit), not -1"),
            bad("fleet_path relative", OK + ", fleet_limit=2, fleet_path='locks')",
                "1: RegisterWatch: fleet_path must be an absolute path starting with '/', not 'locks'"),
            bad("fleet_path without fleet_limit", OK + ", fleet_path='/locks')",
                "1: RegisterWatch: fleet_path needs fleet_limit"),
            bad("run_mode 7", OK + ", run_mode=7)", "1: RegisterWatch: run_mode must be QUEUE, DISCARD or PARALLEL"),
            bad("run_mode as a string", OK + ", run_mode='QUEUE')",
                "1: RegisterWatch: run_mode must be QUEUE, DISCARD or PARALLEL"),
            bad("watch_type 3", OK + ", watch_type=3)", "1: RegisterWatch: watch_type must be WATCH_DATA or WATCH_CHILDREN"),
            bad("notify_signal 0", OK + ", notify_signal=0)",
                "1: RegisterWatch: notify_signal must be a signal number from 1 to 31 such as signal.SIGHUP, not 0"),
            bad("notify_signal 32", OK + ", notify_signal=32)",
                "1: RegisterWatch: notify_signal must be a signal number from 1 to 31 such as signal.SIGHUP, not 32"),
            bad("notify_signal as a name", OK + ", notify_signal='HUP')",
                "1: RegisterWatch: notify_signal must be a signal number from 1 to 31 such as signal.SIGHUP, not 'HUP'"),
            bad("uid above 2^31-1", OK + ", uid=2147483648)",
                "1: RegisterWatch: uid must be a name or a number from 0 to 2147483647, not 2147483648"),
            bad("retries -1", OK + ", retries=-1)",
                "1: RegisterWatch: retries must be a whole number from 0 to 100, not -1"),
            bad("retries as a float", OK + ", retries=1.5)",
                "1: RegisterWatch: retries must be a whole number from 0 to 100, not 1.5"),
            bad("retry_delay 0", OK + ", retry_delay=0)",
                "1: RegisterWatch: retry_delay must be a number of seconds greater than 0, not 0"),
            bad("retry_delay as a string", OK + ", retry_delay='1')",
                "1: RegisterWatch: retry_delay must be a number of seconds greater than 0, not '1'"),
            bad("on_failure unknown", OK + ", on_failure='panic')",
                "1: RegisterWatch: on_failure must be keep_watching or stop_watching, not 'panic'"),
            bad("on_failure as a number", OK + ", on_failure=1)",
                "1: RegisterWatch: on_failure must be KEEP_WATCHING or STOP_WATCHING, not 1"),
            bad("env as a string", OK + ", env='X=1')", "1: RegisterWatch: env must be a dict of str to str such as"
                + " {'DEPLOY_TARGET': 'blue'}, not str 'X=1'"),
            bad("env value not a str", OK + ", env={'A': 1})", "1: RegisterWatch: env: the value of A must be a str,"
                + " not int 1"),
            bad("env name not a str", OK + ", env={1: 'x'})", "1: RegisterWatch: env names must be str, not int 1"),
            bad("env name invalid", OK + ", env={'A-B': 'x'})", "1: RegisterWatch: env: 'A-B' is not a valid variable"
                + " name (letters, digits and '_', not starting with a digit)"),
            bad("env name reserved", OK + ", env={'TWITCHER_ZNODE': '/b'})",
                "1: RegisterWatch: env: TWITCHER_ZNODE is set by the daemon; TWITCHER_ names are reserved"),
            bad("env value with NUL", OK + ", env={'A': 'x\\x00y'})",
                "1: RegisterWatch: env: the value of A is not valid text (it contains U+0000)"),
            bad("timeout 0", OK + ", timeout=0)",
                "1: RegisterWatch: timeout must be a number of seconds greater than 0, not 0"),
            bad("timeout -1", OK + ", timeout=-1)",
                "1: RegisterWatch: timeout must be a number of seconds greater than 0, not -1"),
            bad("timeout as a string", OK + ", timeout='5')",
                "1: RegisterWatch: timeout must be a number of seconds greater than 0, not '5'"),
            bad("timeout as a bool", OK + ", timeout=True)",
                "1: RegisterWatch: timeout must be a number of seconds greater than 0, not True"),
            bad("uid a list", OK + ", uid=[])",
                "1: RegisterWatch: uid must be a user name (str) or a number (int), not list []"),
            bad("uid not a user name", OK + ", uid='bad name')",
                "1: RegisterWatch: uid must be a user name or a number, not 'bad name'"),
            bad("negative gid", OK + ", gid=-5)",
                "1: RegisterWatch: gid must be a name or a number from 0 to 2147483647, not -5"),
            bad("uid with a function action", "def f():\n  pass\nRegisterWatch(znode='/a', action=f, uid='nobody')",
                "3: RegisterWatch: uid and gid apply only to actions that run a process (such as Exec), not to a"
                    + " function running inside the daemon"),
            bad("empty description", OK + ", description='')", "1: RegisterWatch: description must not be empty"),
            bad("description not a str", OK + ", description=5)", "1: RegisterWatch: description must be a str, not int"),
            bad("Exec of a number", "RegisterWatch(znode='/a', action=Exec(5))",
                "1: Exec: command must be a str (run by /bin/sh -c) or a list or tuple of str, not int 5"),
            bad("Exec of an empty list", "RegisterWatch(znode='/a', action=Exec([]))",
                "1: Exec: the command list must not be empty: its first item is the program"),
            bad("Exec of a list of numbers", "RegisterWatch(znode='/a', action=Exec([1]))",
                "1: Exec: every item of the command list must be a str, not int 1 (item 0)"),
            bad("Exec of a list with a number", "RegisterWatch(znode='/a', action=Exec(['ls', 2]))",
                "1: Exec: every item of the command list must be a str, not int 2 (item 1)"),
            bad("Exec of an empty command", "RegisterWatch(znode='/a', action=Exec('  '))",
                "1: Exec: command must not be empty"),
            bad("Exec without a command", "RegisterWatch(znode='/a', action=Exec())", "1: Exec: command is required"),
            bad("Exec with two arguments", "RegisterWatch(znode='/a', action=Exec('ls', '-l'))",
                "1: Exec() takes at most 1 argument (2 given)"),
            bad("Webhook without a url", "RegisterWatch(znode='/a', action=Webhook(timeout=5))",
                "1: Webhook: url is required"),
            bad("Webhook header with a number key", "RegisterWatch(znode='/a', action=Webhook('http://h/', headers={1: 'x'}))",
                "1: Webhook: headers must have str keys, not int 1"),
            bad("Webhook parameter of an odd type", "RegisterWatch(znode='/a', action=Webhook('http://h/', retries=object()))",
                "1: Webhook: retries must be a str, bool, int, float, list or dict, not object"),
            bad("JavaAction named by a number", "RegisterWatch(znode='/a', action=JavaAction(5))",
                "1: JavaAction: name must be a non-empty str, not int 5"),
            bad("Action with an empty type", "RegisterWatch(znode='/a', action=Action(''))",
                "1: Action: type must be a non-empty str, not str ''"),
            bad("the second of two calls", OK + ")\n\nRegisterWatch(znode='/b', action=Exec('true'), run_mode=0)\n",
                "3: RegisterWatch: run_mode must be QUEUE, DISCARD or PARALLEL"),
            bad("a bad call in a helper function", "def watch(z):\n  RegisterWatch(znode=z, action=Exec('x'), timeout=0)\n"
                    + "watch('/a')\n",
                "2: RegisterWatch: timeout must be a number of seconds greater than 0, not 0"),
            bad("a bad call whose error the file catches", "try:\n  " + OK + ", run_mode=9)\nexcept TypeError:\n  pass\n",
                "2: RegisterWatch: run_mode must be QUEUE, DISCARD or PARALLEL"),
            bad("a bad call in a loop", "for i in range(3):\n  RegisterWatch(znode='/n%d' % i, action=Exec('x'),"
                    + " timeout=2 - i)\n",
                "2: RegisterWatch: timeout must be a number of seconds greater than 0, not 0"));
    }

    private static Arguments bad(String defect, String source, String expected) {
        return Arguments.of(defect, source, "conf/bad.twc:" + expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void rejectsTheFileNamingTheLineAndTheReason(String defect, String source, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> Twc.load(LOADER, "bad.twc", source));
        assertEquals(expected, e.getMessage());
    }
}
