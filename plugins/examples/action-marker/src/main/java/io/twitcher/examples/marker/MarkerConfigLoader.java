package io.twitcher.examples.marker;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.ConfigLoader;
import io.twitcher.api.WatchDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Loads {@code .marker} files: one watch per line, {@code <znode> <file>}, each running the {@code marker} action
 * with that file; blank lines and lines starting with {@code #} are skipped. A tiny config language, to show what a
 * loader does: parse, build {@link WatchDefinition}s, and name the file and line in every error.
 */
@Extension
public final class MarkerConfigLoader implements ConfigLoader {

    @Override
    public Set<String> suffixes() {
        return Set.of(".marker");
    }

    @Override
    public List<WatchDefinition> load(ConfigFile file) throws ConfigException {
        List<WatchDefinition> watches = new ArrayList<>();
        String[] lines = file.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length != 2) {
                throw ConfigException.at(file.displayName(), i + 1, "expected '<znode> <file>', not '" + line + "'");
            }
            try {
                watches.add(WatchDefinition.builder()
                        .znode(words[0])
                        .action(ActionSpec.of("marker", Map.of("file", words[1])))
                        .origin(file.displayName(), i + 1, watches.size() + 1)
                        .build());
            } catch (ConfigException e) {
                throw e.at(file.displayName(), i + 1);
            }
        }
        return watches;
    }
}
