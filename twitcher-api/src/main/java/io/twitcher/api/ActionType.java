package io.twitcher.api;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * A kind of action that configurations name ({@code exec}, {@code http}, {@code java}). Implementations are PF4J
 * extensions in a plugin, or {@code META-INF/services} providers on the daemon's classpath; they need a public
 * no-argument constructor.
 *
 * <p>Threading: {@link #create} is called on the reload thread (or by {@code twitcher check}), never concurrently
 * with itself; the {@link Action}s it returns follow {@link Action}'s contract.
 */
public interface ActionType extends ExtensionPoint {

    /** The name configurations use, lower case ({@code "http"}). Two types with one name is a start-up error. */
    String name();

    /**
     * Validates the parameters and builds the action. Everything that can be checked without running it is checked
     * here, so that a bad action rejects its file at load time.
     *
     * @param params the parameters from the configuration (see {@link ActionSpec} for the value types)
     * @throws ConfigException with a reason naming the bad parameter ({@code "http: url must start with http:// or
     *                         https://"}); the daemon adds the file and line
     */
    Action create(Map<String, Object> params) throws ConfigException;

    /**
     * Like {@link #create(Map)}, for action types that need other extensions (the {@code java} type looks up
     * {@link Callback}s). The daemon always calls this one; the default ignores {@code extensions}.
     */
    default Action create(Map<String, Object> params, Extensions extensions) throws ConfigException {
        return create(params);
    }
}
