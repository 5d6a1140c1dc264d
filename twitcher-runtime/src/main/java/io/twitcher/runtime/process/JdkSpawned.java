package io.twitcher.runtime.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * A child started by the JDK behind util-linux {@code setsid}, where posix_spawn cannot start a session (not glibc
 * 2.34+). The JDK reaps it and reports 128 + n for both a death by signal n and an exit with that code, so here an
 * exit code 129-159 is taken for a signal.
 */
final class JdkSpawned implements Spawned {
    private final Process process;

    private JdkSpawned(Process process) {
        this.process = process;
    }

    static JdkSpawned start(List<String> command, Map<String, String> env, boolean pipeStdin) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File("/"));
        builder.environment().clear();
        builder.environment().putAll(env);
        if (!pipeStdin) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        return new JdkSpawned(builder.start());
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public OutputStream stdin() {
        OutputStream in = process.getOutputStream();
        return in.getClass().getName().endsWith("NullOutputStream") ? null : in;
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return process.getErrorStream();
    }

    @Override
    public ExitStatus waitFor() {
        while (true) {
            try {
                int code = process.waitFor();
                return code > 128 && code <= 128 + 31 ? new ExitStatus(code, code - 128) : new ExitStatus(code, 0);
            } catch (InterruptedException e) {
                // only shutdownNow() interrupts the pool, and the child must be reaped and logged all the same
            }
        }
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void signal(int signal) {
        if (!process.isAlive()) {
            return;
        }
        if (signal == ChildProcess.SIGKILL) {
            process.destroyForcibly();
        } else if (signal == ChildProcess.SIGTERM) {
            process.destroy();
        } else {
            Posix.get().kill(process.pid(), signal);
        }
    }
}
