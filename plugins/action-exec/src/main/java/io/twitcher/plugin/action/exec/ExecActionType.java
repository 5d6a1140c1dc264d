package io.twitcher.plugin.action.exec;

import io.twitcher.api.Action;
import io.twitcher.api.ActionType;
import io.twitcher.api.ConfigException;
import io.twitcher.api.Params;
import io.twitcher.api.ProcessOutcome;
import io.twitcher.api.RunContext;
import io.twitcher.api.RunResult;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The {@code exec} action type. Parameters: {@code command}, a string run under {@code /bin/sh -c}, or
 * {@code argv}, a non-empty list of strings executed directly with a PATH search. The daemon's process supervisor
 * does the rest (process group, stdin, logging, uid/gid, signals, timeout).
 */
@Extension
public final class ExecActionType implements ActionType {
    /**
     * The action made last: watches with the same command (often thousands in one file) share one action, which holds
     * nothing but its argv. {@link #create} is never called concurrently.
     */
    private ExecAction last;

    @Override
    public String name() {
        return "exec";
    }

    @Override
    public Action create(Map<String, Object> params) throws ConfigException {
        Params p = Params.of("exec", params);
        if (p.has("command") == p.has("argv")) {
            throw p.error("give either command (run under /bin/sh -c) or argv (a list executed directly)");
        }
        List<String> argv;
        if (p.has("command")) {
            String command = p.string("command");
            if (command.isBlank()) {
                throw p.error("command must not be empty");
            }
            argv = List.of("/bin/sh", "-c", command);
        } else {
            argv = List.copyOf(p.strings("argv"));
            if (argv.isEmpty()) {
                throw p.error("argv must name a program: the list is empty");
            }
            if (argv.get(0).isEmpty()) {
                throw p.error("argv must name a program: its first item is empty");
            }
        }
        p.rejectUnknown();
        if (last == null || !last.argv().equals(argv)) {
            last = new ExecAction(argv);
        }
        return last;
    }

    /** Runs one fixed argv through the daemon's supervisor. */
    record ExecAction(List<String> argv) implements Action {
        @Override
        public RunResult run(RunContext context) throws Exception {
            ProcessOutcome outcome = context.exec(argv);
            return RunResult.of(outcome);
        }

        @Override
        public boolean runsProcess() {
            return true;
        }
    }
}
