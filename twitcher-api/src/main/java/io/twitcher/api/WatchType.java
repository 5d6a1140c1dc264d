package io.twitcher.api;

import java.util.Locale;

/** What a watch looks at. Codes are the original's constants. */
public enum WatchType {
    /** The node's data: fires when it changes, and when a missing node is created. */
    DATA(1),
    /** The node's children: fires when the set of child names changes. */
    CHILDREN(2);

    private final int code;

    WatchType(int code) {
        this.code = code;
    }

    /** The original's numeric constant: WATCH_DATA=1, WATCH_CHILDREN=2. */
    public int code() {
        return code;
    }

    /** The type with that numeric constant. */
    public static WatchType fromCode(long code) throws ConfigException {
        for (WatchType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw invalid();
    }

    /** The type named by {@code text}: DATA, CHILDREN (a WATCH_ prefix is accepted) or the numeric constant. */
    public static WatchType parse(String text) throws ConfigException {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.matches("[0-9]+")) {
            return fromCode(Long.parseLong(t));
        }
        if (t.startsWith("WATCH_")) {
            t = t.substring("WATCH_".length());
        }
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ConfigException invalid() {
        return new ConfigException("watch_type must be WATCH_DATA or WATCH_CHILDREN");
    }
}
