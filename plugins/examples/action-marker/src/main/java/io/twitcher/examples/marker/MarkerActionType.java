package io.twitcher.examples.marker;

import io.twitcher.api.Action;
import io.twitcher.api.ActionType;
import io.twitcher.api.ConfigException;
import io.twitcher.api.Params;
import io.twitcher.api.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The {@code marker} action type: appends {@code <znode> <version> <data>} to the file named by the parameter
 * {@code file} (an absolute path whose directory exists) on every run. The data is the znode's when the watch pipes
 * it ({@code pipe_stdin}, the default), else empty.
 */
@Extension
public final class MarkerActionType implements ActionType {

    @Override
    public String name() {
        return "marker";
    }

    @Override
    public Action create(Map<String, Object> params) throws ConfigException {
        Params p = Params.of("marker", params);
        Path file = Path.of(p.string("file"));
        p.rejectUnknown();
        if (!file.isAbsolute()) {
            throw p.error("file must be an absolute path, not '" + file + "'");
        }
        if (file.getParent() == null || !Files.isDirectory(file.getParent())) {
            throw p.error("file " + file + " is in a directory that does not exist");
        }
        return context -> {
            MarkerLines.append(
                    file, context.znode(), context.version(), context.pipeStdin() ? context.data() : new byte[0]);
            return RunResult.ok("marked " + file);
        };
    }
}
