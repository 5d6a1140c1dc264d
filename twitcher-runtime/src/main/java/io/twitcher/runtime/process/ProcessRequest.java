package io.twitcher.runtime.process;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run and how: one request per run, given to {@link ProcessSupervisor#start}.
 *
 * @param argv        the program (a name looked up on {@code PATH}, or a path) and its arguments; not empty
 * @param description the watch's description, used in every log line of the run
 * @param extraEnv    variables added to the daemon's environment (TWITCHER_ZNODE, ...); {@code null} = none
 * @param stdin       the bytes written to the child's standard input before EOF; {@code null} = EOF at once. Not
 *                    copied: the caller must not change the array afterwards
 * @param user        a user name or a numeric uid; {@code null} = the daemon's own
 * @param group       a group name or a numeric gid; {@code null} = the user's primary group (or the daemon's own
 *                    group when {@code user} is null too)
 * @param timeout     when to SIGTERM the process group (then SIGKILL after the kill delay); {@code null} = never
 */
public record ProcessRequest(
        List<String> argv,
        String description,
        Map<String, String> extraEnv,
        byte[] stdin,
        String user,
        String group,
        Duration timeout) {

    public ProcessRequest {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        Objects.requireNonNull(description, "description");
        extraEnv = extraEnv == null ? Map.of() : Map.copyOf(extraEnv);
        extraEnv.forEach((name, value) -> {
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid environment variable '" + name + "'");
            }
        });
        if (user != null && user.isBlank() || group != null && group.isBlank()) {
            throw new IllegalArgumentException("user and group must be null or not blank");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
    }

    /** A request with no extra environment, empty stdin, the daemon's user and group, and no timeout. */
    public static ProcessRequest of(String description, List<String> argv) {
        return new ProcessRequest(argv, description, null, null, null, null, null);
    }

    /** This request with {@code extraEnv} instead. */
    public ProcessRequest withEnv(Map<String, String> extraEnv) {
        return new ProcessRequest(argv, description, extraEnv, stdin, user, group, timeout);
    }

    /** This request with {@code stdin} instead. */
    public ProcessRequest withStdin(byte[] stdin) {
        return new ProcessRequest(argv, description, extraEnv, stdin, user, group, timeout);
    }

    /** This request running as {@code user} and {@code group} (either may be null). */
    public ProcessRequest withUser(String user, String group) {
        return new ProcessRequest(argv, description, extraEnv, stdin, user, group, timeout);
    }

    /** This request with {@code timeout} instead. */
    public ProcessRequest withTimeout(Duration timeout) {
        return new ProcessRequest(argv, description, extraEnv, stdin, user, group, timeout);
    }

    @Override
    public String toString() {
        return "ProcessRequest[" + description + ": " + argv + (user != null ? " user " + user : "")
                + (group != null ? " group " + group : "") + (timeout != null ? " timeout " + timeout : "") + "]";
    }
}
