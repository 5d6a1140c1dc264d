package io.twitcher.runtime.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.runtime.testing.LogCapture;
import io.twitcher.runtime.testing.PluginArchives;
import io.twitcher.runtime.testing.ZkFixture;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Function actions of {@code .twc} and {@code .rb} files across edits of their file (SPEC §1.2): a watch whose
 * function's source did not change is not run again, and the next change runs the function the new load made (which
 * reads the new module-level value); a changed function runs again on load, as any changed watch. The watches are
 * QUEUE: a run on load would come before the run for the next change, so once that run is journalled, a run on load
 * that did not happen never will.
 */
class InlineActionReloadIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final String refKey = "twitcher.test.inline-reload." + System.nanoTime() + ".";

    @AfterEach
    void forgetRefs() {
        System.getProperties().keySet().removeIf(k -> k.toString().startsWith(refKey));
    }

    @Test
    void anUnchangedPythonFunctionIsNotRunAgainAndItsNewVersionRunsNext() throws Exception {
        check(".twc", tag -> """
                import sys
                from java.lang import System
                from java.lang.ref import WeakReference
                TAG = '%s'

                def record():
                    with open('OUT', 'a') as out:
                        out.write(TAG + '-' + sys.stdin.read() + '\\n')

                RegisterWatch(znode='/app', action=record, description='fn')
                System.getProperties().put('KEY' + TAG, WeakReference(record))
                """.formatted(tag), """
                # an edit elsewhere in the file: a comment, a new module-level value, another watch
                RegisterWatch(znode='/other', action=Exec('true'), run_on_load=False)
                """, text -> text.replace("TAG + '-'", "TAG + '+'"));
    }

    @Test
    void anUnchangedRubyBlockIsNotRunAgainAndItsNewVersionRunsNext() throws Exception {
        check(".rb", tag -> """
                require 'java'
                TAG = '%s'

                record = lambda do |data|
                  File.open('OUT', 'a') { |out| out.puts "#{TAG}-#{data}" }
                end

                register_watch znode: '/app', description: 'fn', action: record
                java.lang.System.getProperties.put("KEY#{TAG}", java.lang.ref.WeakReference.new(record))
                """.formatted(tag), """
                # an edit elsewhere in the file: a comment, a new constant value, another watch
                register_watch znode: '/other', action: exec('true'), run_on_load: false
                """, text -> text.replace("#{TAG}-#{data}", "#{TAG}+#{data}"));
    }

    /**
     * @param source     the file with its module-level TAG
     * @param elsewhere  lines appended by the edit that leaves the function alone
     * @param changeBody the edit of the function's own body (its output then says {@code +} instead of {@code -})
     */
    private void check(String suffix, UnaryOperator<String> source, String elsewhere, UnaryOperator<String> changeBody)
            throws Exception {
        String file = "fn" + suffix;
        try (ZkFixture zk = new ZkFixture(dir);
                LogCapture log = new LogCapture()) {
            UnaryOperator<String> fill =
                    text -> text.replace("'OUT'", "'" + zk.file("runs") + "'").replace("KEY", refKey);
            zk.poke("/app", "0");
            zk.writeConfig(file, fill.apply(source.apply("v1")));
            Path plugins = PluginArchives.only(dir, "action-exec", "config-jython", "config-jruby");
            zk.startTwitcher(b -> b.pluginsDir(plugins));
            await().atMost(WAIT).until(() -> zk.lines("runs").equals(List.of("v1-0")));

            // (a) The function's text stays the same, its line moves, the module-level value it reads changes.
            zk.writeConfig(file, fill.apply("# edited\n" + source.apply("v2") + elsewhere));
            awaitLoads(log, file, 2);
            zk.poke("/app", "1");
            await().atMost(WAIT).until(() -> zk.lines("runs").size() >= 2);
            assertEquals(List.of("v1-0", "v2-1"), zk.lines("runs"), log.messages()::toString);
            assertTrue(
                    log.containing(file + ": 2 watch(es) active (1 unchanged, 1 started, 0 stopped)")
                                    .size()
                            == 1,
                    log.messages()::toString);
            // The watch holds the new load's function only: the old one (and its module) can be collected.
            @SuppressWarnings("unchecked")
            WeakReference<Object> old =
                    (WeakReference<Object>) System.getProperties().get(refKey + "v1");
            await().atMost(WAIT).until(() -> {
                System.gc();
                return old.get() == null;
            });

            // (b) The function's body changes: a changed watch, run again on load.
            zk.writeConfig(file, fill.apply(changeBody.apply("# edited\n" + source.apply("v2") + elsewhere)));
            awaitLoads(log, file, 3);
            await().atMost(WAIT).until(() -> zk.lines("runs").size() >= 3);
            assertEquals(List.of("v1-0", "v2-1", "v2+1"), zk.lines("runs"));
            assertTrue(
                    log.containing(file + ": 2 watch(es) active (1 unchanged, 1 started, 1 stopped)")
                                    .size()
                            == 1,
                    log.messages()::toString);
        }
    }

    private static void awaitLoads(LogCapture log, String file, int count) {
        await().atMost(WAIT)
                .until(() -> log.containing(file + ": ").stream()
                                .filter(m -> m.contains(" watch(es) active ("))
                                .count()
                        == count);
    }
}
