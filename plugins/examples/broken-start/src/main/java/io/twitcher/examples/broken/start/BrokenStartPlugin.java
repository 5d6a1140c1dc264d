package io.twitcher.examples.broken.start;

import org.pf4j.Plugin;

/** Test fixture: a plugin class whose {@link #start()} fails, as a plugin with a bad installation would. */
public class BrokenStartPlugin extends Plugin {

    @Override
    public void start() {
        throw new IllegalStateException("broken-start fails to start on purpose (test fixture)");
    }
}
