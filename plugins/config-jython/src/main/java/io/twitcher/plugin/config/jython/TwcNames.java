package io.twitcher.plugin.config.jython;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Names every {@code .twc} file has, and those Python reserves. */
final class TwcNames {
    /** The predefined constants, as every {@code .twc} file has them. */
    static final Map<String, Object> CONSTANTS = constants();

    /** Python 2's keywords, and the names a keyword argument may not take. */
    static final Set<String> RESERVED =
            Set.of(("and as assert break class continue def del elif else except exec finally for from global "
                            + "if import in is lambda not or pass print raise return try while with yield None True False")
                    .split(" "));

    private static Map<String, Object> constants() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("QUEUE", 1L);
        c.put("PARALLEL", 2L);
        c.put("DISCARD", 3L);
        c.put("WATCH_DATA", 1L);
        c.put("WATCH_CHILDREN", 2L);
        c.put("KEEP_WATCHING", "keep_watching");
        c.put("STOP_WATCHING", "stop_watching");
        c.put("IF_CHANGED", WatchArguments.IF_CHANGED);
        return Collections.unmodifiableMap(c);
    }

    private TwcNames() {}
}
