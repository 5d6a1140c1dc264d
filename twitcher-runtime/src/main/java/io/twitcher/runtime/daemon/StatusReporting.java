package io.twitcher.runtime.daemon;

import io.twitcher.runtime.config.ConfigDirectory;
import io.twitcher.runtime.status.DaemonStatus;
import io.twitcher.runtime.watch.ResolvedWatch;
import io.twitcher.runtime.watch.WatchTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Applies a file's watches and tells the status registry how each file's load went. */
final class StatusReporting implements ConfigDirectory.Listener {
    private final WatchTable watches;
    private final DaemonStatus status;

    StatusReporting(WatchTable watches, DaemonStatus status) {
        this.watches = watches;
        this.status = status;
    }

    @Override
    public void apply(Path file, List<ResolvedWatch> next) {
        watches.apply(file, next);
        if (next.isEmpty() && !Files.exists(file)) {
            status.fileRemoved(file);
        } else {
            status.fileLoaded(file);
        }
    }

    @Override
    public void failed(Path file, String reason) {
        status.fileFailed(file, reason);
    }
}
