package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.WatchDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jcodings.specific.UTF8Encoding;
import org.jruby.Ruby;
import org.jruby.RubyInstanceConfig;
import org.jruby.RubyModule;
import org.jruby.RubyString;
import org.jruby.RubySymbol;
import org.jruby.javasupport.JavaEmbedUtils;
import org.jruby.runtime.ThreadContext;
import org.jruby.runtime.builtin.IRubyObject;
import org.jruby.util.ByteList;

/**
 * The plugin's one JRuby runtime, shared by every .rb file: each file is evaluated in a fresh anonymous module
 * ({@code Twitcher.evaluate} in {@code twitcher.rb}), which keeps files apart at a fraction of a second runtime's
 * start-up cost. Configured to start fast and stay inside the plugin: interpreter only, no RubyGems, no RUBYOPT, no
 * native (jnr/jffi) code, classes loaded through the plugin's class loader, {@code exit!} never ends the daemon.
 *
 * <p>Threading: {@link #load} runs on the loading thread; {@link #run} on any worker thread, concurrently.
 */
final class RubyRuntime implements AutoCloseable {
    private static final String DSL = "twitcher.rb";

    private final Ruby ruby;
    private final RubyModule twitcher;

    private RubyRuntime(Ruby ruby) {
        this.ruby = ruby;
        this.twitcher = ruby.getModule("Twitcher");
    }

    /** Starts JRuby and defines the DSL; takes a few seconds on a cold JVM. */
    static RubyRuntime start() {
        RubyInstanceConfig config = new RubyInstanceConfig();
        config.setLoader(RubyRuntime.class.getClassLoader());
        config.setCompileMode(RubyInstanceConfig.CompileMode.OFF);
        config.setDisableGems(true);
        config.setDisableDidYouMean(true);
        config.setDisableRUBYOPT(true);
        config.setNativeEnabled(false);
        config.setHardExit(false);
        config.setUpdateNativeENVEnabled(false);
        config.setObjectSpaceEnabled(false);
        Ruby ruby = Ruby.newInstance(config);
        try {
            ruby.executeScript(resource(DSL), "twitcher/" + DSL);
            return new RubyRuntime(ruby);
        } catch (RuntimeException e) {
            ruby.tearDown(false);
            throw e;
        }
    }

    /** Evaluates one file in a fresh module and returns the watches it registered. */
    List<WatchDefinition> load(ConfigFile file) throws ConfigException {
        String name = file.displayName();
        RubyFileEvaluation scope = new RubyFileEvaluation(name, this, new RubyFingerprint(this, file.content(), name));
        Exception failure = null;
        try {
            twitcher.callMethod(context(), "evaluate", new IRubyObject[] {
                JavaEmbedUtils.javaToRuby(ruby, scope), utf8(file.content()), ruby.newString(name)
            });
        } catch (Exception e) {
            // Ruby exceptions, and Java ones (RubyFileEvaluation's ConfigException among them) thrown through Ruby
            // code.
            failure = e;
        }
        if (scope.firstError() != null) {
            throw scope.firstError();
        }
        if (failure != null) {
            throw RubyErrors.loadFailure(failure, name);
        }
        return scope.definitions();
    }

    /** Calls an in-process action on this thread; Ruby exceptions propagate as {@code RaiseException}s. */
    void run(IRubyObject callable, byte[] data, boolean passData) {
        twitcher.callMethod(context(), "run", new IRubyObject[] {callable, utf8(data), ruby.newBoolean(passData)});
    }

    /** Parses {@code source} as the file named {@code file}, running nothing. */
    org.jruby.ast.Node parse(byte[] source, String file) {
        return ruby.parse(new ByteList(source), file, null, 0, false);
    }

    ThreadContext context() {
        return ruby.getCurrentContext();
    }

    RubySymbol symbol(String name) {
        return ruby.newSymbol(name);
    }

    /** JRuby's version, for the log. */
    static String version() {
        return org.jruby.runtime.Constants.VERSION;
    }

    @Override
    public void close() {
        ruby.tearDown(false);
    }

    private RubyString utf8(byte[] bytes) {
        return RubyString.newString(ruby, new ByteList(bytes, UTF8Encoding.INSTANCE, true));
    }

    private static String resource(String name) {
        try (InputStream in = RubyRuntime.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the plugin");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
