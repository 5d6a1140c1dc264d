package io.twitcher.examples.broken.requires;

import io.twitcher.api.Action;
import io.twitcher.api.ActionType;
import io.twitcher.api.RunResult;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Test fixture: an action type {@code future} in a plugin whose descriptor requires API 2.0.0. A daemon on API 1.x
 * must not load the plugin, so this type must never be available there.
 */
@Extension
public final class FutureActionType implements ActionType {

    @Override
    public String name() {
        return "future";
    }

    @Override
    public Action create(Map<String, Object> params) {
        return context -> RunResult.ok("future action ran");
    }
}
