package io.twitcher.runtime.process;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of an action. Without a uid: the daemon's environment plus the request's variables (the original's
 * behaviour). With a uid: a fresh one, as {@code su -} or sudo give, so that nothing of the daemon's (its HOME,
 * secrets from /etc/default/twitcher) reaches a process of another user: PATH, LANG, LANGUAGE, LC_* and TZ from the
 * daemon, HOME, USER, LOGNAME and SHELL of the target user, plus the request's variables. A value that is not valid
 * text (a NUL, a lone surrogate, or U+FFFD, which is what the JVM made of bytes it could not decode) is left out.
 * The daemon's part is read once, at construction: nothing is read per run but the request.
 */
final class ActionEnvironment {
    private final Map<String, String> daemon;
    private final Map<String, String> clean;
    private final String[] daemonEnvp;

    ActionEnvironment(Map<String, String> daemonEnvironment) {
        Map<String, String> all = new LinkedHashMap<>();
        Map<String, String> kept = new LinkedHashMap<>();
        daemonEnvironment.forEach((name, value) -> {
            if (isValidText(value)) {
                all.put(name, value);
                if (keptForOtherUsers(name)) {
                    kept.put(name, value);
                }
            }
        });
        kept.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        this.daemon = Map.copyOf(all);
        this.clean = Map.copyOf(kept);
        this.daemonEnvp = render(daemon);
    }

    /** The environment for a run with {@code extra} variables, as {@code runAs} (null: the daemon's user). */
    Map<String, String> build(Map<String, String> extra, RunAs runAs, boolean uidGiven) {
        Map<String, String> env;
        if (uidGiven && runAs != null) {
            env = new LinkedHashMap<>(clean);
            Posix.User user = runAs.account();
            if (user != null) {
                env.put("HOME", user.home() == null || user.home().isEmpty() ? "/" : user.home());
                env.put("USER", user.name());
                env.put("LOGNAME", user.name());
                env.put("SHELL", user.shell() == null || user.shell().isEmpty() ? "/bin/sh" : user.shell());
            } else {
                env.put("HOME", "/");
            }
        } else if (extra.isEmpty()) {
            return daemon;
        } else {
            env = new LinkedHashMap<>(daemon);
        }
        extra.forEach((name, value) -> {
            if (isValidText(value)) {
                env.put(name, value);
            }
        });
        return env;
    }

    /** {@code NAME=value} strings for execve, then a null terminator slot. */
    String[] envp(Map<String, String> env) {
        if (env == daemon) {
            return daemonEnvp.clone();
        }
        return render(env);
    }

    private static String[] render(Map<String, String> env) {
        String[] envp = new String[env.size() + 1];
        int i = 0;
        for (Map.Entry<String, String> e : env.entrySet()) {
            envp[i++] = e.getKey() + "=" + e.getValue();
        }
        return envp;
    }

    /** Whether {@code value} is text that can go into an environment: well-formed, no NUL, no U+FFFD. */
    static boolean isValidText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c == '\uFFFD') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean keptForOtherUsers(String name) {
        return name.equals("PATH") || name.equals("LANG") || name.equals("LANGUAGE") || name.startsWith("LC_")
                || name.equals("TZ");
    }
}
