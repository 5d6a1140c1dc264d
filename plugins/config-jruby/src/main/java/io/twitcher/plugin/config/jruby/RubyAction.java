package io.twitcher.plugin.config.jruby;

import io.twitcher.api.Action;
import io.twitcher.api.RunContext;
import io.twitcher.api.RunResult;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * An in-process action written in Ruby: a block, lambda, proc, method or other object with {@code call}, given to
 * {@code register_watch}. Each run calls it on the calling thread (the watch's worker), with the data as a String
 * argument when it takes one, and with {@code $stdin} reading the data on that thread. A Ruby exception fails the
 * run with {@code <file>:<line>: <message> (<class>)}. State the callable keeps persists between runs. A Java
 * interrupt cuts Ruby's {@code sleep} short and makes the run throw {@link InterruptedException}; a busy Ruby loop
 * does not see it.
 */
final class RubyAction implements Action {
    private final RubyRuntime runtime;
    private final IRubyObject callable;
    private final String file;
    private final int line;
    private final boolean passData;

    RubyAction(RubyRuntime runtime, IRubyObject callable, String file, int line, boolean passData) {
        this.runtime = runtime;
        this.callable = callable;
        this.file = file;
        this.line = line;
        this.passData = passData;
    }

    @Override
    public RunResult run(RunContext context) throws Exception {
        byte[] data = context.stdin().readAllBytes();
        try {
            runtime.run(callable, data, passData);
        } catch (RuntimeException e) {
            throw RubyErrors.actionFailure(e, file, line);
        }
        // An interrupt (the run's timeout, shutdown) wakes Ruby's sleep and blocking calls, which then return.
        if (Thread.interrupted()) {
            throw new InterruptedException(file + ":" + line + ": Ruby action interrupted (timeout or shutdown)");
        }
        return RunResult.ok("Ruby action returned");
    }

    @Override
    public String toString() {
        return "Ruby action at " + file + ":" + line;
    }
}
