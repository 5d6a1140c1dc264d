package io.twitcher.plugin.action.java;

import io.twitcher.api.Action;
import io.twitcher.api.ActionType;
import io.twitcher.api.Callback;
import io.twitcher.api.ConfigException;
import io.twitcher.api.Extensions;
import io.twitcher.api.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.pf4j.Extension;
import org.pf4j.ExtensionPoint;

/**
 * The {@code java} action type: runs a {@link Callback} extension, from any plugin or the daemon's classpath, named
 * by the one parameter {@code name}. The callback is looked up when the configuration loads, so a misspelt name
 * rejects the file; other parameters are rejected too (a callback is configured by its own plugin).
 */
@Extension
public final class JavaActionType implements ActionType {

    @Override
    public String name() {
        return "java";
    }

    /**
     * Without the daemon's extensions, finds callbacks with {@link ServiceLoader} through this plugin's class loader:
     * for embedders that call the type directly. The daemon calls {@link #create(Map, Extensions)}.
     */
    @Override
    public Action create(Map<String, Object> params) throws ConfigException {
        return create(params, new Extensions() {
            @Override
            public <T extends ExtensionPoint> List<T> all(Class<T> type) {
                List<T> found = new ArrayList<>();
                ServiceLoader.load(type, JavaActionType.class.getClassLoader()).forEach(found::add);
                return found;
            }
        });
    }

    @Override
    public Action create(Map<String, Object> params, Extensions extensions) throws ConfigException {
        Params p = Params.of("java", params);
        String name = p.string("name").trim();
        if (name.isEmpty()) {
            throw p.error("name must name a callback");
        }
        p.rejectUnknown();
        List<Callback> matches = new ArrayList<>();
        TreeSet<String> known = new TreeSet<>();
        for (Callback callback : extensions.all(Callback.class)) {
            String callbackName = callback.name();
            if (callbackName != null) {
                known.add(callbackName);
                if (callbackName.equals(name)) {
                    matches.add(callback);
                }
            }
        }
        if (matches.isEmpty()) {
            throw p.error("no callback named '" + name + "'; "
                    + (known.isEmpty() ? "no plugin provides a callback" : "known: " + String.join(", ", known)));
        }
        if (matches.size() > 1) {
            List<String> classes =
                    matches.stream().map(c -> c.getClass().getName()).sorted().toList();
            throw p.error(matches.size() + " callbacks are named '" + name + "' (" + String.join(", ", classes)
                    + "); callback names must be unique");
        }
        return new JavaAction(matches.get(0));
    }
}
