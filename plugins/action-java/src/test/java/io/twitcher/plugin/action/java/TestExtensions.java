package io.twitcher.plugin.action.java;

import io.twitcher.api.Extensions;
import java.util.List;
import org.pf4j.ExtensionPoint;

/** The extensions a daemon would have found: a fixed list. */
final class TestExtensions implements Extensions {
    private final List<ExtensionPoint> extensions;

    TestExtensions(ExtensionPoint... extensions) {
        this.extensions = List.of(extensions);
    }

    @Override
    public <T extends ExtensionPoint> List<T> all(Class<T> type) {
        return extensions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
