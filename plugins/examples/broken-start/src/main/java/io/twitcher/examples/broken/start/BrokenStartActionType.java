package io.twitcher.examples.broken.start;

import io.twitcher.api.Action;
import io.twitcher.api.ActionType;
import io.twitcher.api.RunResult;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Test fixture: an action type {@code broken-start} in a plugin whose start fails. A daemon that skips the failed
 * plugin must not offer this type.
 */
@Extension
public final class BrokenStartActionType implements ActionType {

    @Override
    public String name() {
        return "broken-start";
    }

    @Override
    public Action create(Map<String, Object> params) {
        return context -> RunResult.ok("broken-start action ran");
    }
}
