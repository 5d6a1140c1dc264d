package io.twitcher.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.ConfigFile;
import io.twitcher.api.ConfigLoader;
import io.twitcher.runtime.plugin.PluginRegistry;
import io.twitcher.runtime.testing.PluginArchives;
import io.twitcher.runtime.trust.TrustRule;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon lets the .twc and .rb loaders (the real plugin archives) see the files they will load before they start
 * Jython or JRuby: a config path of literal RegisterWatch (register_watch) calls never starts them, a function action
 * (a block) does, and a file the trust rule refuses is not shown to them.
 */
class PrepareIT {
    private static final String LITERAL = "RegisterWatch(znode='/a', action=Exec('date'))\n";
    private static final String FUNCTION = "def f():\n    pass\nRegisterWatch(znode='/b', action=f)\n";

    @TempDir
    Path dir;

    @Test
    void jythonStartsAheadOnlyForAFileThatNeedsIt() throws Exception {
        Path plugins = PluginArchives.only(dir, "config-jython");
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("a.twc"), LITERAL);
        Files.writeString(conf.resolve("c.twc"), LITERAL.replace("/a", "/c"));
        try (PluginRegistry registry = PluginRegistry.load(plugins);
                FileLoader loader = new FileLoader(registry, Duration.ofSeconds(30))) {
            ConfigLoader twc = registry.loaderFor("x.twc").orElseThrow();
            loader.prepareFor(conf, TrustRule.relaxed(), Runnable::run);
            assertEquals(
                    "/a",
                    loader.load(new ConfigFile(
                                    conf.resolve("a.twc"), "a.twc", Files.readAllBytes(conf.resolve("a.twc"))))
                            .get(0)
                            .definition()
                            .znode());
            assertFalse(jythonStarted(twc), "Jython started for files of literals");

            Path refused = Files.writeString(conf.resolve("b.twc"), FUNCTION);
            Files.setPosixFilePermissions(refused, PosixFilePermissions.fromString("rw-rw-rw-"));
            loader.prepareFor(conf, TrustRule.enforced(), Runnable::run);
            assertFalse(jythonStarted(twc), "Jython started for a file the trust rule refuses");

            loader.prepareFor(conf, TrustRule.relaxed(), Runnable::run);
            assertTrue(jythonStarted(twc), "Jython did not start ahead for a file with a function action");
        }
    }

    @Test
    void jrubyStartsAheadOnlyForAFileThatNeedsIt() throws Exception {
        Path plugins = PluginArchives.only(dir, "config-jruby");
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("a.rb"), "register_watch znode: '/a', action: exec('date')\n");
        try (PluginRegistry registry = PluginRegistry.load(plugins);
                FileLoader loader = new FileLoader(registry, Duration.ofSeconds(30))) {
            ConfigLoader rb = registry.loaderFor("x.rb").orElseThrow();
            loader.prepareFor(conf, TrustRule.relaxed(), Runnable::run);
            assertFalse(started(rb, "started"), "JRuby started for a file of literals");
            Files.writeString(conf.resolve("b.rb"), "register_watch znode: '/b' do\n  puts 1\nend\n");
            loader.prepareFor(conf, TrustRule.relaxed(), Runnable::run);
            assertTrue(started(rb, "started"), "JRuby did not start ahead for a file with a block");
        }
    }

    private static boolean jythonStarted(ConfigLoader twc) throws ReflectiveOperationException {
        return started(twc, "jythonStarted");
    }

    private static boolean started(ConfigLoader loader, String method) throws ReflectiveOperationException {
        Method started = loader.getClass().getDeclaredMethod(method);
        started.setAccessible(true);
        return (Boolean) started.invoke(loader);
    }
}
