package io.twitcher.plugin.action.java;

import io.twitcher.api.Action;
import io.twitcher.api.Callback;
import io.twitcher.api.ChangeEvent;
import io.twitcher.api.RunContext;
import io.twitcher.api.RunResult;

/**
 * Runs one callback on the calling (worker) thread, with the thread's context class loader set to the callback's
 * plugin class loader for the call, so that libraries the callback uses find their resources. An exception from
 * the callback fails the run as it is; an interrupt (the watch's timeout) ends the run with
 * {@link InterruptedException}, also when the callback only restored the thread's interrupt flag.
 *
 * @param callback the callback this action calls
 */
record JavaAction(Callback callback) implements Action {

    @Override
    public RunResult run(RunContext context) throws Exception {
        ChangeEvent event = new ChangeEvent(
                context.znode(), context.data().clone(), context.version(), context.event(), context.description());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(callback.getClass().getClassLoader());
        try {
            callback.onChange(event);
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("callback '" + callback.name() + "' returned after its run was interrupted");
        }
        return RunResult.ok("callback " + callback.name() + " returned");
    }
}
