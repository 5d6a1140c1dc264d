package io.twitcher.runtime.cli;

import io.twitcher.runtime.daemon.DaemonService;
import picocli.CommandLine;

/**
 * Lets picocli's build-time generators (the man page and the bash completion, run by dist's build) create
 * {@link TwitcherCli}, whose constructor takes the streams it writes to. Lives in the CLI's package for that
 * constructor; the build puts it on the generators' class path only, never in the installation.
 */
public final class CliDocFactory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == TwitcherCli.class) {
            return type.cast(new TwitcherCli(new TwitcherCli.Context(System.in, System.out, System.err,
                    DaemonService::twitcher, TwitcherCli.class)));
        }
        return CommandLine.defaultFactory().create(type);
    }
}
