package io.twitcher.api;

import java.util.List;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Turns configuration files of one language into watch definitions. Implementations are PF4J extensions
 * ({@code @Extension}) in a plugin, or {@code META-INF/services} providers on the daemon's classpath; they need a
 * public no-argument constructor.
 *
 * <p>Threading: the daemon calls {@link #load} from its single reload thread (or from {@code twitcher check}); it is
 * never called concurrently with itself. A loader that keeps an interpreter should create it lazily on the first
 * {@link #load}, so that a daemon with no file of its language never pays for it.
 */
public interface ConfigLoader extends ExtensionPoint {

    /**
     * The file-name suffixes this loader claims, each with its dot ({@code ".twc"}). Called once, at start-up, before
     * any {@link #load}. Two loaders claiming one suffix is a start-up error.
     */
    Set<String> suffixes();

    /**
     * Evaluates one file. The daemon validates the returned definitions further (it resolves every
     * {@link ActionSpec} against the action types it has) and swaps them in only when the whole file is good.
     *
     * @return the watches the file defines, in the order it defines them (possibly none)
     * @throws ConfigException naming {@code file.displayName()} and the line at fault:
     *                         {@code <file>:<line>: <reason>}; the file's previous version stays active
     */
    List<WatchDefinition> load(ConfigFile file) throws ConfigException;

    /**
     * Gets ready to load: starts an interpreter ahead of the first {@link #load}. The daemon calls it once, on a
     * background thread, at start-up and only when the config path holds files this loader claims, so that an
     * interpreter's start overlaps the rest of the daemon's start-up. Must be safe to run concurrently with
     * {@link #load} (which then waits for it) and must not throw; the default does nothing.
     */
    default void prepare() {}

    /**
     * {@link #prepare()}, told which files the first loads will be: a loader that can read some files without its
     * interpreter may start it only when one of them needs it. The files were read as the daemon reads them (owner
     * and mode checked, unreadable ones left out), but a later {@link #load} reads them again: use them only to
     * decide. Same rules as {@link #prepare()}; the default calls it.
     *
     * @param files the files under the config path this loader claims, as they are now
     */
    default void prepare(List<ConfigFile> files) {
        prepare();
    }

    /** Frees interpreters and caches. Called once, when the daemon stops; no {@link #load} follows. */
    default void close() {}
}
