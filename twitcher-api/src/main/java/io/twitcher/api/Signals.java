package io.twitcher.api;

import java.util.List;
import java.util.Locale;

/** Linux signal numbers and names, for {@code notify_signal} and for log lines. */
public final class Signals {
    // Index = signal number on Linux x86-64 and arm64.
    private static final List<String> NAMES = List.of(
            "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
            "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM",
            "PROF", "WINCH", "IO", "PWR", "SYS");

    /** The highest signal number accepted as a notify_signal. */
    public static final int MAX = 31;

    private Signals() {}

    /** {@code number} when it is a signal number 1..31. */
    public static int check(long number) throws ConfigException {
        if (number < 1 || number > MAX) {
            throw new ConfigException(
                    "notify_signal must be a signal number from 1 to 31 or a name such as HUP, not " + number);
        }
        return (int) number;
    }

    /** The number of a signal given as a number ("1") or a name ("HUP", "SIGHUP", "sighup"). */
    public static int parse(String text) throws ConfigException {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.matches("[0-9]+")) {
            return check(Long.parseLong(t));
        }
        if (t.startsWith("SIG")) {
            t = t.substring(3);
        }
        int number = NAMES.indexOf(t);
        if (number < 1) {
            throw new ConfigException("notify_signal must be a signal number from 1 to 31 or a name such as HUP, not '"
                    + text.trim() + "'");
        }
        return number;
    }

    /** "SIGTERM" for 15; "signal 40" for numbers without a name. */
    public static String name(int number) {
        return number > 0 && number < NAMES.size() ? "SIG" + NAMES.get(number) : "signal " + number;
    }
}
