package io.twitcher.runtime.lifecycle;

/**
 * Something the daemon needs is missing or wrong, so it cannot start: a config path that does not exist, two plugins
 * claiming one suffix, a pidfile held by another daemon. The message is one sentence for the operator; the command
 * line prints it and exits with code 1.
 */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
