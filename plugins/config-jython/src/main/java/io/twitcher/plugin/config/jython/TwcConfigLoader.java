package io.twitcher.plugin.config.jython;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.ConfigLoader;
import io.twitcher.api.WatchDefinition;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Loads {@code .twc} files, the original Twitcher's configuration language: Python 2.7, run by Jython, with
 * RegisterWatch, Exec and the original's constants predefined. A file that only calls RegisterWatch with literal
 * arguments is read without Jython ({@link LiteralTwc}); Jython starts on the first file that needs it, so a daemon
 * without such files never pays for it; every file then shares that one runtime, each in a fresh namespace.
 *
 * <p>Threading: {@link #load} runs on the daemon's reload thread, never concurrently with itself; the function
 * actions it returns run on worker threads.
 */
@Extension
public final class TwcConfigLoader implements ConfigLoader {
    private JythonRuntime runtime;
    private volatile boolean closed;

    @Override
    public Set<String> suffixes() {
        return Set.of(".twc");
    }

    @Override
    public synchronized void prepare() {
        if (!closed && runtime == null) {
            try {
                runtime = JythonRuntime.start();
            } catch (RuntimeException | LinkageError e) {
                // load() starts it again and reports what goes wrong with the file it was loading
            }
        }
    }

    /** Starts Jython ahead only when one of the files cannot be read without it. */
    @Override
    public void prepare(List<ConfigFile> files) {
        for (ConfigFile file : files) {
            if (LiteralTwc.load(file).isEmpty()) {
                prepare();
                return;
            }
        }
    }

    /**
     * Reads a file of literal calls at once, without the lock, so that it never waits for Jython starting ahead for
     * another file; Jython runs the others.
     */
    @Override
    public List<WatchDefinition> load(ConfigFile file) throws ConfigException {
        if (closed) {
            throw new IllegalStateException("the .twc loader is closed");
        }
        Optional<List<WatchDefinition>> literal = LiteralTwc.load(file);
        return literal.isPresent() ? literal.get() : loadWithJython(file);
    }

    private synchronized List<WatchDefinition> loadWithJython(ConfigFile file) throws ConfigException {
        if (closed) {
            throw new IllegalStateException("the .twc loader is closed");
        }
        if (runtime == null) {
            runtime = JythonRuntime.start();
        }
        return PythonFileEvaluation.load(runtime, file);
    }

    /** Whether Jython has started (for tests). */
    synchronized boolean jythonStarted() {
        return runtime != null;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (runtime != null) {
                runtime.close();
            }
        }
    }
}
