package io.twitcher.runtime.cli;

/**
 * A command-line failure the user reads: one sentence (without the {@code twitcher: } prefix) and the exit code,
 * {@link #USAGE} for a bad command line and {@link #RUNTIME} for everything that went wrong while running.
 */
final class CliFailure extends RuntimeException {
    static final int RUNTIME = 1;
    static final int USAGE = 2;
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliFailure(String sentence, int exitCode) {
        super(sentence);
        this.exitCode = exitCode;
    }

    /** A runtime failure, exit code 1. */
    static CliFailure runtime(String sentence) {
        return new CliFailure(sentence, RUNTIME);
    }

    /** A usage error, exit code 2. */
    static CliFailure usage(String sentence) {
        return new CliFailure(sentence, USAGE);
    }

    int exitCode() {
        return exitCode;
    }
}
