package io.twitcher.api;

import java.util.Locale;

/** How a watch reacts to an update that arrives while its action is running. Codes are the original's constants. */
public enum RunMode {
    /** At most one run at a time; updates during a run leave exactly one pending run, which reads the latest data. */
    QUEUE(1),
    /** Every update starts a run at once, up to the daemon's cap of concurrent runs per watch. */
    PARALLEL(2),
    /** Updates during a run are dropped; the watch stays armed. */
    DISCARD(3);

    private final int code;

    RunMode(int code) {
        this.code = code;
    }

    /** The original's numeric constant: QUEUE=1, PARALLEL=2, DISCARD=3. */
    public int code() {
        return code;
    }

    /** The mode with that numeric constant. */
    public static RunMode fromCode(long code) throws ConfigException {
        for (RunMode mode : values()) {
            if (mode.code == code) {
                return mode;
            }
        }
        throw invalid();
    }

    /** The mode named (case-insensitively) or numbered by {@code text}. */
    public static RunMode parse(String text) throws ConfigException {
        String t = text.trim();
        if (t.matches("[0-9]+")) {
            return fromCode(Long.parseLong(t));
        }
        try {
            return valueOf(t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ConfigException invalid() {
        return new ConfigException("run_mode must be QUEUE, DISCARD or PARALLEL");
    }
}
