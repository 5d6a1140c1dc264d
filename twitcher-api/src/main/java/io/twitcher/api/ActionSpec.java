package io.twitcher.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a configuration says an action is, before the daemon builds it: the name of an {@link ActionType}
 * ({@code exec}, {@code http}, {@code java}, ...) and its parameters, or an action the config language built itself
 * (a Python function, a Ruby block) that runs in-process.
 *
 * <p>Parameter values are plain data: {@code String}, {@code Boolean}, {@code Long}, {@code Double},
 * {@code List} and {@code Map} of those. Two specs are equal when their type and parameters are equal and, for inline
 * actions, when they hold the same action or equal fingerprints of its source: a reloaded file whose function did not
 * change keeps its watch (SPEC §1.2). An inline action without a fingerprint is equal only to itself.
 *
 * @param type        the action type's name, or for an inline action a word for the log ("python")
 * @param params      the parameters, unmodifiable, in the order given
 * @param inline      the in-process action, or {@code null} for an action the daemon builds from {@code type}
 * @param fingerprint for an inline action, what stays the same when its file is loaded again with the same source
 *                    (the config language decides, e.g. a digest of the function's code); {@code null} for none
 */
public record ActionSpec(String type, Map<String, Object> params, Action inline, String fingerprint) {
    public ActionSpec {
        Objects.requireNonNull(type, "type");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        if (fingerprint != null && inline == null) {
            throw new IllegalArgumentException("only an inline action has a fingerprint");
        }
    }

    /** A spec without a fingerprint. */
    public ActionSpec(String type, Map<String, Object> params, Action inline) {
        this(type, params, inline, null);
    }

    /** An action of a named type, built and validated by that {@link ActionType} at load time. */
    public static ActionSpec of(String type, Map<String, ?> params) {
        return new ActionSpec(type, new LinkedHashMap<>(params), null);
    }

    /** {@code exec} running {@code command} under {@code /bin/sh -c}. */
    public static ActionSpec shell(String command) {
        return of("exec", Map.of("command", command));
    }

    /** An action the config language built; it runs in-process on the watch's worker thread. */
    public static ActionSpec inline(String kind, Action action) {
        return inline(kind, action, null);
    }

    /**
     * As {@link #inline(String, Action)}, with a fingerprint of the action's source: a later load of its file that
     * gives an equal fingerprint leaves the watch running (not run again), and the daemon runs the new load's action
     * from the next change on. {@code null}: the action is equal only to itself.
     */
    public static ActionSpec inline(String kind, Action action, String fingerprint) {
        return new ActionSpec(kind, Map.of(), Objects.requireNonNull(action, "action"), fingerprint);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionSpec s
                && type.equals(s.type)
                && params.equals(s.params)
                && (inline == s.inline
                        || inline != null
                                && s.inline != null
                                && fingerprint != null
                                && fingerprint.equals(s.fingerprint));
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + params.hashCode();
    }

    /**
     * The type and parameters with the values of secrets masked: parameters whose name (or its last part after a
     * dot) mentions a secret, password, token, key or authorization, and every header value (they carry tokens).
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("ActionSpec[").append(type);
        params.forEach((k, v) -> out.append(", ").append(k).append('=').append(sensitive(k) ? "***" : v));
        return out.append(inline != null ? ", inline" : "").append(']').toString();
    }

    private static boolean sensitive(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.startsWith("header") || n.matches(".*(secret|passw|token|key|auth|credential).*");
    }

    /** Whether this is an in-process action built by the config language. */
    public boolean isInline() {
        return inline != null;
    }
}
