package io.twitcher.runtime.process;

import io.twitcher.runtime.libc.LibC;
import io.twitcher.runtime.libc.LibCBinding;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import jnr.constants.platform.Errno;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import jnr.posix.POSIXHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few native calls the supervisor needs: signals to process groups through {@link LibC}, and the passwd/group
 * databases through jnr-posix, loaded only when a watch names a user or group (its binding of all of libc costs about
 * 3.7 MiB of RSS, which a daemon without {@code uid} need not pay). One process-wide instance;
 * lookups are serialised because getpwnam and friends return static buffers.
 */
final class Posix {
    private static final Logger LOG = LoggerFactory.getLogger(Posix.class);
    private static final int ESRCH = Errno.ESRCH.intValue();
    private static final Posix INSTANCE = new Posix();

    private final LibC signals; // kill, getpgrp, geteuid, getegid; null when libc cannot be called
    private final Object lookupLock = new Object();
    private final int ownGroup;
    private POSIX posix; // under lookupLock, on the first user or group lookup

    private Posix() {
        LibC loaded;
        try {
            loaded = LibCBinding.get();
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("Cannot call libc's kill()", e);
            loaded = null;
        }
        signals = loaded;
        ownGroup = loaded != null ? loaded.getpgrp() : -1;
        if (loaded == null) {
            LOG.error("Native POSIX calls are unavailable: timeouts and signals cannot reach process groups");
        }
    }

    private POSIX lookups() {
        if (posix == null) {
            posix = POSIXFactory.getNativePOSIX(new QuietHandler());
        }
        return posix;
    }

    static Posix get() {
        return INSTANCE;
    }

    /** A passwd entry, copied out of libc's static buffer. */
    record User(String name, int uid, int gid, String home, String shell) {}

    /** A group entry, copied out of libc's static buffer. */
    record Group(String name, int gid) {}

    boolean isNative() {
        return signals != null;
    }

    int geteuid() {
        synchronized (lookupLock) {
            return signals != null ? signals.geteuid() : lookups().geteuid();
        }
    }

    int getegid() {
        synchronized (lookupLock) {
            return signals != null ? signals.getegid() : lookups().getegid();
        }
    }

    private int kill0(long pid, int signal) {
        return signals == null ? -1 : signals.kill((int) pid, signal);
    }

    private int errno() {
        return signals == null ? ESRCH : LibC.errno();
    }

    /**
     * Sends {@code signal} to process group {@code pgid}. Returns false when the group does not exist (ESRCH, not an
     * error); refuses group ids that could hit init or the daemon itself.
     */
    boolean killGroup(long pgid, int signal) {
        if (pgid <= 1 || pgid == ownGroup || pgid > Integer.MAX_VALUE) {
            LOG.error("Refusing to send signal {} to process group {}", signal, pgid);
            return false;
        }
        if (kill0(-pgid, signal) == 0) {
            return true;
        }
        int errno = errno();
        if (errno != ESRCH) {
            LOG.warn("kill(-{}, {}) failed: {}", pgid, signal, LibC.describe(errno));
        }
        return false;
    }

    /** Sends {@code signal} to the single process {@code pid}; false when it does not exist. */
    boolean kill(long pid, int signal) {
        if (pid <= 1 || pid > Integer.MAX_VALUE) {
            LOG.error("Refusing to send signal {} to process {}", signal, pid);
            return false;
        }
        return kill0(pid, signal) == 0;
    }

    /** Whether any process (zombies included) is still in group {@code pgid}. */
    boolean groupAlive(long pgid) {
        return killGroup(pgid, 0);
    }

    User userByName(String name) {
        synchronized (lookupLock) {
            return toUser(lookups().getpwnam(name));
        }
    }

    User userById(int uid) {
        synchronized (lookupLock) {
            return toUser(lookups().getpwuid(uid));
        }
    }

    Group groupByName(String name) {
        synchronized (lookupLock) {
            return toGroup(lookups().getgrnam(name));
        }
    }

    private static User toUser(jnr.posix.Passwd pw) {
        return pw == null
                ? null
                : new User(pw.getLoginName(), (int) pw.getUID(), (int) pw.getGID(), pw.getHome(), pw.getShell());
    }

    private static Group toGroup(jnr.posix.Group gr) {
        return gr == null ? null : new Group(gr.getName(), (int) gr.getGID());
    }

    /** jnr-posix's default handler throws from error(); every call here checks return values itself. */
    private static final class QuietHandler implements POSIXHandler {
        @Override
        public void error(Errno error, String extraData) {
            LOG.debug("posix error {} ({})", error, extraData);
        }

        @Override
        public void error(Errno error, String methodName, String extraData) {
            LOG.debug("posix error {} in {} ({})", error, methodName, extraData);
        }

        @Override
        public void unimplementedError(String methodName) {
            LOG.debug("posix call {} is not implemented here", methodName);
        }

        @Override
        public void warn(WARNING_ID id, String message, Object... data) {
            LOG.debug("posix warning {}: {}", id, message);
        }

        @Override
        public boolean isVerbose() {
            return false;
        }

        @Override
        public File getCurrentWorkingDirectory() {
            return new File(System.getProperty("user.dir"));
        }

        @Override
        public String[] getEnv() {
            return System.getenv().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
        }

        @Override
        public InputStream getInputStream() {
            return System.in;
        }

        @Override
        public PrintStream getOutputStream() {
            return System.out;
        }

        @Override
        public int getPID() {
            return (int) ProcessHandle.current().pid();
        }

        @Override
        public PrintStream getErrorStream() {
            return System.err;
        }
    }
}
