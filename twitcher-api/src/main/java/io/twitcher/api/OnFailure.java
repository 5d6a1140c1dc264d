package io.twitcher.api;

import java.util.Locale;

/** What a watch does after the last failed attempt of a run (see {@link WatchDefinition#onFailure()}). */
public enum OnFailure {
    /** The watch stays armed: the next update runs the action again. The default. */
    KEEP_WATCHING,
    /** The watch stops running its action until its file is loaded again or the daemon gets SIGHUP. */
    STOP_WATCHING;

    /** The name configurations use: {@code keep_watching} or {@code stop_watching}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The policy named {@code text} ({@code keep_watching} or {@code stop_watching}, any case).
     *
     * @throws ConfigException for anything else
     */
    public static OnFailure parse(String text) throws ConfigException {
        String t = text == null ? "" : text.trim();
        for (OnFailure f : values()) {
            if (f.configName().equalsIgnoreCase(t)) {
                return f;
            }
        }
        throw new ConfigException("on_failure must be keep_watching or stop_watching, not '" + text + "'");
    }
}
