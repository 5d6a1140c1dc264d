package io.twitcher.plugin.config.jruby;

import static io.twitcher.plugin.config.jruby.SharedLoader.load;
import static io.twitcher.plugin.config.jruby.SharedLoader.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.Action;
import io.twitcher.api.RunResult;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.testing.FixedRunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process Ruby actions run through their {@link Action}, with a real (process-less) run context. */
class RubyActionTest {
    @TempDir
    Path dir;

    private String out(String name) {
        return "'" + dir.resolve(name) + "'";
    }

    private String read(String name) throws Exception {
        return Files.readString(dir.resolve(name));
    }

    private static Action action(WatchDefinition w) {
        return w.action().inline();
    }

    @Test
    void theDataReachesABlockAsItsArgumentAndOnStdin() throws Exception {
        Action a = action(one(
                "conf/run.rb",
                "register_watch(znode: '/x') do |data|\n"
                        + "  File.write(" + out("arg") + ", data.upcase)\n"
                        + "  File.write(" + out("stdin") + ", $stdin.read)\n"
                        + "end"));
        RunResult result = a.run(FixedRunContext.of("main 5f3a"));
        assertTrue(result.success());
        assertEquals("MAIN 5F3A", read("arg"));
        assertEquals("main 5f3a", read("stdin"));
    }

    @Test
    void lambdasProcsMethodsAndCallablesRunWithOrWithoutTheData() throws Exception {
        List<WatchDefinition> ws = load("conf/forms.rb", """
                def record(data) = File.write(%s, "method:#{data}")
                class Recorder
                  def initialize(path) = @path = path
                  def call(data) = File.write(@path, "callable:#{data}")
                end
                register_watch znode: '/1', action: -> { File.write(%s, "lambda:#{$stdin.gets}") }
                register_watch znode: '/2', action: proc { |d| File.write(%s, "proc:#{d}") }
                register_watch znode: '/3', action: method(:record)
                register_watch znode: '/4', action: Recorder.new(%s)
                register_watch znode: '/5', action: ->(*all) { File.write(%s, "rest:#{all.inspect}") }
                """.formatted(
                        out("method"), out("lambda"), out("proc"), out("callable"), out("rest")));
        for (WatchDefinition w : ws) {
            assertTrue(action(w).run(FixedRunContext.of("v1\nv2")).success(), w::znode);
        }
        assertEquals("lambda:v1\n", read("lambda"));
        assertEquals("proc:v1\nv2", read("proc"));
        assertEquals("method:v1\nv2", read("method"));
        assertEquals("callable:v1\nv2", read("callable"));
        assertEquals("rest:[\"v1\\nv2\"]", read("rest"));
    }

    @Test
    void withoutPipeStdinTheActionGetsEmptyData() throws Exception {
        Action a = action(one(
                "conf/nopipe.rb",
                "register_watch(znode: '/x', pipe_stdin: false) { |d| File.write(" + out("d")
                        + ", \"[#{d}][#{$stdin.read}]\") }"));
        a.run(FixedRunContext.of("secret").withZnode("/x").withPipeStdin(false));
        assertEquals("[][]", read("d"));
    }

    @Test
    void exitAndExitBangInABlockFailTheRunInsteadOfEndingTheDaemon() throws Exception {
        Action exit = action(one("conf/exit.rb", "register_watch(znode: '/x') { exit 3 }"));
        Exception e =
                org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> exit.run(FixedRunContext.of("")));
        assertEquals("conf/exit.rb:1: exit (SystemExit)", e.getMessage());
        Action bang = action(one("conf/bang.rb", "register_watch(znode: '/x') { exit! 4 }"));
        e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> bang.run(FixedRunContext.of("")));
        assertEquals("conf/bang.rb:1: exit! was called (status 4)", e.getMessage());
        Action after = action(
                one("conf/after.rb", "register_watch(znode: '/x') { File.write(" + out("after") + ", 'still here') }"));
        assertTrue(after.run(FixedRunContext.of("")).success());
        assertEquals("still here", read("after"));
    }

    @Test
    void stateKeptByTheFilePersistsBetweenRuns() throws Exception {
        Action a = action(one(
                "conf/count.rb",
                "runs = 0\nregister_watch(znode: '/x') { runs += 1; File.write(" + out("n") + ", runs.to_s) }"));
        a.run(FixedRunContext.of(""));
        a.run(FixedRunContext.of(""));
        assertEquals("2", read("n"));
    }

    @Test
    void theActionRunsOnTheCallingThread() throws Exception {
        Action a = action(one(
                "conf/thread.rb",
                "register_watch(znode: '/x') { File.write(" + out("t")
                        + ", Java::JavaLang::Thread.currentThread.getName) }"));
        FutureTask<RunResult> task = new FutureTask<>(() -> a.run(FixedRunContext.of("")));
        Thread worker = new Thread(task, "twitcher-watch-thread-test");
        worker.start();
        assertTrue(task.get(30, TimeUnit.SECONDS).success());
        assertEquals("twitcher-watch-thread-test", read("t"));
    }

    @Test
    void anExceptionInABlockFailsTheRunNamingFileAndLine() throws Exception {
        Action a = action(one("conf/fail.rb", """
                register_watch(znode: '/x') do |data|
                  raise "bad data: #{data.inspect}" if data.empty?
                end
                """));
        Exception e = assertThrows(Exception.class, () -> a.run(FixedRunContext.of("")));
        assertEquals("conf/fail.rb:2: bad data: \"\" (RuntimeError)", e.getMessage());
        assertTrue(
                Arrays.stream(e.getStackTrace())
                        .anyMatch(f -> "conf/fail.rb".equals(f.getFileName()) && f.getLineNumber() == 2),
                Arrays.toString(e.getStackTrace()));
        assertTrue(a.run(FixedRunContext.of("fine")).success());
    }

    @Test
    void anExceptionInAMethodNamesTheLineWhereItWasRaised() throws Exception {
        Action a = action(one("conf/deep.rb", """
                def parse(data)
                  Integer(data)
                end
                register_watch znode: '/x', action: ->(data) { parse(data) }
                """));
        Exception e = assertThrows(Exception.class, () -> a.run(FixedRunContext.of("ten")));
        assertEquals("conf/deep.rb:2: invalid value for Integer(): \"ten\" (ArgumentError)", e.getMessage());
    }

    @Test
    void theDslIsNotAvailableWhileAnActionRuns() throws Exception {
        Action a = action(one("conf/late.rb", "register_watch(znode: '/x') { register_watch znode: '/y' }"));
        Exception e = assertThrows(Exception.class, () -> a.run(FixedRunContext.of("")));
        assertEquals(
                "conf/late.rb:1: register_watch can be called only while a config file loads (on the thread"
                        + " that loads it) (RuntimeError)",
                e.getMessage());
    }

    @Test
    void anInterruptEndsASleepingActionWithInterruptedException() throws Exception {
        Action a = action(one(
                "conf/sleep.rb",
                "register_watch(znode: '/x') { File.write(" + out("started") + ", 'yes'); sleep 60 }"));
        FutureTask<RunResult> task = new FutureTask<>(() -> a.run(FixedRunContext.of("")));
        Thread worker = new Thread(task, "twitcher-watch-sleep-test");
        worker.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("started")));
        worker.interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> task.get(30, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, e.getCause());
        assertEquals(
                "conf/sleep.rb:1: Ruby action interrupted (timeout or shutdown)",
                e.getCause().getMessage());
    }
}
