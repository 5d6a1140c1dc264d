package io.twitcher.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * The extensions the daemon has found, in plugins and on its classpath; handed to {@link ActionType#create} so that
 * an action type can use other plugins' extensions (the {@code java} type finds {@link Callback}s by name).
 * Thread-safe; the lists do not change while the daemon runs.
 */
public interface Extensions {

    /** Every extension of that extension point, plugins' and the classpath's, each class once. */
    <T extends ExtensionPoint> List<T> all(Class<T> type);
}
