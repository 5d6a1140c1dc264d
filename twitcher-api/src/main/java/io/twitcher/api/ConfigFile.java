package io.twitcher.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One configuration file as the daemon read it.
 *
 * @param path        where the file is
 * @param displayName how messages name the file: the config directory as the user gave it joined with the file's
 *                    relative path ({@code /etc/twitcher/deploy.twc}); also the prefix of default descriptions
 * @param content     the bytes the daemon read (loaders must not read the file again: this is the version whose
 *                    hash decides whether the file changed)
 */
public record ConfigFile(Path path, String displayName, byte[] content) {
    public ConfigFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(content, "content");
    }

    /** The content decoded as UTF-8. */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigFile other
                && path.equals(other.path)
                && displayName.equals(other.displayName)
                && java.util.Arrays.equals(content, other.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, displayName, java.util.Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return displayName;
    }
}
