package io.twitcher.runtime.daemon;

import io.twitcher.runtime.libc.LibCBinding;

/**
 * What the daemon starts from {@code main}'s first line, before its command line is parsed: the libc binding its first
 * action needs, the slowest part of its start (docs/benchmarks.md, "Start-up: CPU is the critical path"). Nothing here
 * logs: logging is not set up yet.
 */
public final class EarlyStart {
    private EarlyStart() {}

    /** Starts what a daemon will need on background threads; a command that turns out not to be the daemon ignores it. */
    public static void begin() {
        LibCBinding.startInBackground();
    }
}
