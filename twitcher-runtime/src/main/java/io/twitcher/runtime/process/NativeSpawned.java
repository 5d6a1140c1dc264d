package io.twitcher.runtime.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A child started by {@link NativeSpawn}: reaped here with waitpid on its own pid, which gives its real status. */
final class NativeSpawned implements Spawned {
    private static final Logger LOG = LoggerFactory.getLogger(NativeSpawned.class);

    private final NativeSpawn spawn;
    private final int pid;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    private boolean reaped;

    private NativeSpawned(NativeSpawn spawn, NativeSpawn.Child child) {
        this.spawn = spawn;
        this.pid = child.pid();
        this.stdin = child.stdin() < 0 ? null : spawn.output(child.stdin());
        this.stdout = spawn.input(child.stdout());
        this.stderr = spawn.input(child.stderr());
    }

    static NativeSpawned start(NativeSpawn spawn, String path, List<String> argv, String[] envp, boolean pipeStdin)
            throws IOException {
        return new NativeSpawned(spawn, spawn.spawn(path, argv, envp, pipeStdin));
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return stderr;
    }

    @Override
    public ExitStatus waitFor() {
        int status;
        try {
            status = spawn.waitFor(pid);
        } catch (IOException e) {
            // ECHILD: something in this JVM reaped our child with waitpid(-1); its status is lost.
            LOG.error("Lost the exit status of process {}: {}", pid, e.getMessage());
            status = 0xff00;
        }
        synchronized (this) {
            reaped = true;
        }
        return ExitStatus.of(status);
    }

    @Override
    public synchronized boolean isAlive() {
        return !reaped;
    }

    @Override
    public synchronized void signal(int signal) {
        // Under the lock that waitFor() takes after reaping: a reaped pid may already belong to someone else.
        if (!reaped) {
            Posix.get().kill(pid, signal);
        }
    }
}
