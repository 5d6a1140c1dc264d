package io.twitcher.api;

import org.pf4j.ExtensionPoint;

/**
 * A Java callback that configurations run as an action of type {@code java}, naming it by {@link #name()}
 * ({@code JavaAction('audit')} in a .twc file, {@code action=java} with {@code java.name=audit} in a .properties
 * file). Implementations are PF4J extensions in a plugin, or {@code META-INF/services} providers on the daemon's
 * classpath, with a public no-argument constructor; one instance serves every watch that names it.
 *
 * <p>Threading: {@link #onChange} is called on a watch's worker thread, never on a ZooKeeper thread, concurrently
 * when several watches (or a PARALLEL watch) name the callback. The watch's timeout interrupts the thread.
 */
public interface Callback extends ExtensionPoint {

    /** The name configurations use for it; unique across plugins. */
    String name();

    /**
     * Handles one change.
     *
     * @throws Exception any failure: the run counts as failed and is logged with the watch's description; the watch
     *                   stays armed
     */
    void onChange(ChangeEvent event) throws Exception;
}
