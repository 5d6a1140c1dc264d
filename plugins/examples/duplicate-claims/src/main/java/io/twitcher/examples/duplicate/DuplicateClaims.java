package io.twitcher.examples.duplicate;

import io.twitcher.api.Action;
import io.twitcher.api.ActionType;
import io.twitcher.api.ConfigException;
import io.twitcher.api.ConfigFile;
import io.twitcher.api.ConfigLoader;
import io.twitcher.api.WatchDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/** Test fixture: extensions whose claims collide with the built-in plugins', which the daemon must refuse. */
public final class DuplicateClaims {
    private DuplicateClaims() {}

    /** Claims .properties, like the built-in properties loader. */
    @Extension
    public static final class PropertiesToo implements ConfigLoader {
        @Override
        public Set<String> suffixes() {
            return Set.of(".properties");
        }

        @Override
        public List<WatchDefinition> load(ConfigFile file) throws ConfigException {
            return List.of();
        }
    }

    /** Calls itself exec, like the built-in exec action type. */
    @Extension
    public static final class ExecToo implements ActionType {
        @Override
        public String name() {
            return "exec";
        }

        @Override
        public Action create(Map<String, Object> params) throws ConfigException {
            throw new ConfigException("never used");
        }
    }
}
