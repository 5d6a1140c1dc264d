package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.ConfigLoader;
import io.twitcher.api.WatchDefinition;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code .rb} files: Ruby code whose {@code register_watch} calls mirror RegisterWatch (see the plugin's
 * README). A file that only calls {@code register_watch} with literal arguments is read without JRuby ({@link
 * LiteralRb}); JRuby starts on the first file that needs it, so a daemon without such files never pays for it, and
 * stops on {@link #close}. Loads are serialized; the Ruby actions a file defines run on the daemon's worker threads.
 */
@Extension
public final class RubyConfigLoader implements ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(RubyConfigLoader.class);

    private RubyRuntime runtime;
    private volatile boolean closed;

    @Override
    public Set<String> suffixes() {
        return Set.of(".rb");
    }

    @Override
    public synchronized void prepare() {
        if (!closed && runtime == null) {
            try {
                startRuntime();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("JRuby could not start ahead of the first .rb file; load() reports it", e);
            }
        }
    }

    /** Starts JRuby ahead only when one of the files cannot be read without it. */
    @Override
    public void prepare(List<ConfigFile> files) {
        for (ConfigFile file : files) {
            if (LiteralRb.load(file).isEmpty()) {
                prepare();
                return;
            }
        }
    }

    /**
     * Reads a file of literal calls at once, without the lock, so that it never waits for JRuby starting ahead for
     * another file; JRuby runs the others.
     */
    @Override
    public List<WatchDefinition> load(ConfigFile file) throws ConfigException {
        if (closed) {
            throw new IllegalStateException("the .rb loader is closed");
        }
        Optional<List<WatchDefinition>> literal = LiteralRb.load(file);
        return literal.isPresent() ? literal.get() : loadWithJRuby(file);
    }

    private synchronized List<WatchDefinition> loadWithJRuby(ConfigFile file) throws ConfigException {
        if (closed) {
            throw new IllegalStateException("the .rb loader is closed");
        }
        if (runtime == null) {
            try {
                startRuntime();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("JRuby could not start", e);
                throw new ConfigException("JRuby could not start: " + e, e).at(file.displayName());
            }
        }
        return runtime.load(file);
    }

    private void startRuntime() {
        long start = System.nanoTime();
        runtime = RubyRuntime.start();
        LOG.info(
                "Started JRuby {} for .rb configs in {} ms",
                RubyRuntime.version(),
                (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    /** Whether JRuby has been started (for tests: it starts only when a .rb file is loaded). */
    synchronized boolean started() {
        return runtime != null;
    }
}
