package io.twitcher.plugin.config.jython;

import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.ConfigLoader;
import io.twitcher.api.WatchDefinition;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Loads {@code .twc} files, the original Twitcher's configuration language: Python 2.7, run by Jython, with
 * RegisterWatch, Exec and the original's constants predefined. Jython starts on the first {@link #load}, so a daemon
 * without {@code .twc} files never pays for it; every file then shares that one runtime, each in a fresh namespace.
 *
 * <p>Threading: {@link #load} runs on the daemon's reload thread, never concurrently with itself; the function
 * actions it returns run on worker threads.
 */
@Extension
public final class TwcConfigLoader implements ConfigLoader {
    private JythonRuntime runtime;
    private boolean closed;

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

    @Override
    public synchronized List<WatchDefinition> load(ConfigFile file) throws ConfigException {
        if (closed) {
            throw new IllegalStateException("the .twc loader is closed");
        }
        if (runtime == null) {
            runtime = JythonRuntime.start();
        }
        return PythonFileEvaluation.load(runtime, file);
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
