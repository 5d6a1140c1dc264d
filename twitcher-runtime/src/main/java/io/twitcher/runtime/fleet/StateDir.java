package io.twitcher.runtime.fleet;

import io.twitcher.runtime.run.NodeSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --state_dir}: per watch, the node version and zxid its action last ran on successfully, so that
 * {@code run_on_load=if_changed} can skip the load run after a restart. One small properties file per watch, named
 * after its description, written atomically (write then rename); an unreadable file counts as "never ran".
 */
public final class StateDir {
    private static final Logger LOG = LoggerFactory.getLogger(StateDir.class);

    private final Path dir;

    public StateDir(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    Path fileFor(String description) {
        return dir.resolve(URLEncoder.encode(description, StandardCharsets.UTF_8) + ".state");
    }

    /** Whether the last successful run of {@code description} on {@code znode} saw exactly {@code now}. */
    public boolean unchanged(String description, String znode, NodeSnapshot now) {
        Path file = fileFor(description);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}; the watch \"{}\" runs on load", file, e.getMessage(), description);
            return false;
        }
        return znode.equals(p.getProperty("znode")) && String.valueOf(now.version()).equals(p.getProperty("version"))
                && String.valueOf(now.zxid()).equals(p.getProperty("zxid"));
    }

    /** Remembers that {@code description} ran successfully on {@code snapshot}; failures are logged, not thrown. */
    public void remember(String description, String znode, NodeSnapshot snapshot) {
        Path file = fileFor(description);
        Properties p = new Properties();
        p.setProperty("znode", znode);
        p.setProperty("version", String.valueOf(snapshot.version()));
        p.setProperty("zxid", String.valueOf(snapshot.zxid()));
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".state", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "twitcher: the node version last acted on successfully by \"" + description + "\"");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.error("Cannot write the state of \"{}\" to {}: {}; it runs again on the next start", description,
                    file, e.getMessage());
        }
    }
}
