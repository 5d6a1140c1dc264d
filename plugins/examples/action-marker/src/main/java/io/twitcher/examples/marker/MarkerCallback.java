package io.twitcher.examples.marker;

import io.twitcher.api.Callback;
import io.twitcher.api.ChangeEvent;
import java.nio.file.Path;
import org.pf4j.Extension;

/**
 * The callback {@code marker-callback} (a {@code java} action: {@code JavaAction('marker-callback')}): appends
 * {@code <znode> <version> <data>} to the file named by the daemon's system property {@code twitcher.marker.file}.
 * One instance serves every watch, concurrently; it keeps no state.
 */
@Extension
public final class MarkerCallback implements Callback {
    /** The system property naming the file. */
    public static final String FILE_PROPERTY = "twitcher.marker.file";

    @Override
    public String name() {
        return "marker-callback";
    }

    @Override
    public void onChange(ChangeEvent event) throws Exception {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("marker-callback needs the system property " + FILE_PROPERTY + " (add -D"
                    + FILE_PROPERTY + "=/path/to/file to the daemon's JVM options)");
        }
        MarkerLines.append(Path.of(file), event.znode(), event.version(), event.data());
    }
}
