package io.twitcher.plugin.action.java;

import io.twitcher.api.Callback;
import io.twitcher.api.ChangeEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A callback that records how it was called and then does what the test says. */
public class TestCallback implements Callback {

    /** What the callback does with an event. */
    interface Body {
        void run(ChangeEvent event) throws Exception;
    }

    final List<ChangeEvent> events = new CopyOnWriteArrayList<>();
    volatile Thread thread;
    volatile ClassLoader contextLoader;
    private final String name;
    private final Body body;

    /** The callback {@code java.util.ServiceLoader} finds through this module's test resources. */
    public TestCallback() {
        this("service-loaded", event -> {});
    }

    TestCallback(String name, Body body) {
        this.name = name;
        this.body = body;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void onChange(ChangeEvent event) throws Exception {
        events.add(event);
        thread = Thread.currentThread();
        contextLoader = thread.getContextClassLoader();
        body.run(event);
    }
}
