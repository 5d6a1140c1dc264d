package io.twitcher.runtime.libc;

import static io.twitcher.runtime.libc.NativeFunction.MEMORY;
import static io.twitcher.runtime.libc.NativeFunction.address;
import static io.twitcher.runtime.libc.NativeFunction.allocate;
import static io.twitcher.runtime.libc.NativeFunction.cString;

import com.kenai.jffi.LastError;
import com.kenai.jffi.Platform;
import jnr.constants.platform.Errno;
import jnr.ffi.Pointer;

/**
 * The part of libc the daemon calls: the process supervisor's spawn, pipes, waits and signals, and the datagrams of
 * {@link UnixDatagramSocket}. Called through jffi, the native half of jnr-ffi, without jnr-ffi's binding generator,
 * which generates a binding's classes with ASM when it is loaded: about 60 ms of CPU at every start, on two cores
 * shared with the start itself, and 80 ms more for jnr-unixsocket's binding at the first log line to syslog
 * (docs/benchmarks.md, "Start-up: libc without a generated binding"). Each call is jffi's fast path for integer and
 * pointer arguments ({@link NativeFunction}), as in jnr-ffi's generated code; it needs a 64-bit platform.
 *
 * <p>Arrays and strings go through native memory allocated for the call and freed after it; {@link Pointer}
 * arguments must be direct memory ({@code Memory.allocateDirect}), kept reachable by the caller until the call
 * returns. Where a function sets errno on failure, errno is saved for {@link #errno}. Thread-safe: no state but the functions' addresses.
 */
public final class LibC {
    private final NativeFunction posixSpawn = NativeFunction.required("posix_spawn", 6);
    private final NativeFunction actionsInit = NativeFunction.required("posix_spawn_file_actions_init", 1);
    private final NativeFunction actionsDestroy = NativeFunction.required("posix_spawn_file_actions_destroy", 1);
    private final NativeFunction addDup2 = NativeFunction.required("posix_spawn_file_actions_adddup2", 3);
    private final NativeFunction addOpen = NativeFunction.required("posix_spawn_file_actions_addopen", 5);
    private final NativeFunction addChdir = NativeFunction.optional("posix_spawn_file_actions_addchdir_np", 2);
    private final NativeFunction addClosefrom = NativeFunction.optional("posix_spawn_file_actions_addclosefrom_np", 2);
    private final NativeFunction attrInit = NativeFunction.required("posix_spawnattr_init", 1);
    private final NativeFunction attrDestroy = NativeFunction.required("posix_spawnattr_destroy", 1);
    private final NativeFunction attrSetflags = NativeFunction.required("posix_spawnattr_setflags", 2);
    private final NativeFunction attrSetsigmask = NativeFunction.required("posix_spawnattr_setsigmask", 2);
    private final NativeFunction attrSetsigdefault = NativeFunction.required("posix_spawnattr_setsigdefault", 2);
    private final NativeFunction sigemptyset = NativeFunction.required("sigemptyset", 1);
    private final NativeFunction sigfillset = NativeFunction.required("sigfillset", 1);
    private final NativeFunction pipe2 = NativeFunction.savingErrno("pipe2", false, 2);
    private final NativeFunction waitpid = NativeFunction.savingErrno("waitpid", false, 3);
    private final NativeFunction read = NativeFunction.savingErrno("read", true, 3);
    private final NativeFunction write = NativeFunction.savingErrno("write", true, 3);
    private final NativeFunction close = NativeFunction.required("close", 1);
    private final NativeFunction kill = NativeFunction.savingErrno("kill", false, 2);
    private final NativeFunction getpgrp = NativeFunction.required("getpgrp", 0);
    private final NativeFunction geteuid = NativeFunction.required("geteuid", 0);
    private final NativeFunction getegid = NativeFunction.required("getegid", 0);
    private final NativeFunction socket = NativeFunction.savingErrno("socket", false, 3);
    private final NativeFunction setsockopt = NativeFunction.savingErrno("setsockopt", false, 5);
    private final NativeFunction sendto = NativeFunction.savingErrno("sendto", true, 6);

    private LibC() {}

    /**
     * Looks every function up in the process (libc is loaded with the JVM).
     *
     * @throws UnsatisfiedLinkError when this is not a 64-bit platform or libc lacks a function every run needs
     */
    static LibC bind() {
        int bits = Platform.getPlatform().addressSize();
        if (bits != 64) {
            throw new UnsatisfiedLinkError(
                    "libc is called this way on 64-bit platforms only, this one is " + bits + "-bit");
        }
        return new LibC();
    }

    /**
     * Throws unless this libc has what the process supervisor's spawn needs beyond every run's functions: the file
     * actions {@code addchdir_np} (glibc 2.29+) and {@code addclosefrom_np} (glibc 2.34+).
     */
    public void requireSpawnFileActions() {
        addChdir.require();
        addClosefrom.require();
    }

    public int posix_spawn(int[] pid, Pointer path, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp) {
        long out = allocate(Integer.BYTES);
        try {
            int result = (int) posixSpawn.n6(
                    out, address(path), address(fileActions), address(attr), address(argv), address(envp));
            pid[0] = MEMORY.getInt(out);
            return result;
        } finally {
            MEMORY.freeMemory(out);
        }
    }

    public int posix_spawn_file_actions_init(Pointer actions) {
        return (int) actionsInit.n1(address(actions));
    }

    public int posix_spawn_file_actions_destroy(Pointer actions) {
        return (int) actionsDestroy.n1(address(actions));
    }

    public int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newfd) {
        return (int) addDup2.n3(address(actions), fd, newfd);
    }

    /** {@code path} encoded as the caller spawns (the JDK's {@code sun.jnu.encoding}); libc copies it. */
    public int posix_spawn_file_actions_addopen(Pointer actions, int fd, byte[] path, int flags, int mode) {
        long p = cString(path);
        try {
            return (int) addOpen.n5(address(actions), fd, p, flags, mode);
        } finally {
            MEMORY.freeMemory(p);
        }
    }

    /** {@code path} encoded as the caller spawns (the JDK's {@code sun.jnu.encoding}); libc copies it. */
    public int posix_spawn_file_actions_addchdir_np(Pointer actions, byte[] path) {
        long p = cString(path);
        try {
            return (int) addChdir.require().n2(address(actions), p);
        } finally {
            MEMORY.freeMemory(p);
        }
    }

    public int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from) {
        return (int) addClosefrom.require().n2(address(actions), from);
    }

    public int posix_spawnattr_init(Pointer attr) {
        return (int) attrInit.n1(address(attr));
    }

    public int posix_spawnattr_destroy(Pointer attr) {
        return (int) attrDestroy.n1(address(attr));
    }

    public int posix_spawnattr_setflags(Pointer attr, short flags) {
        return (int) attrSetflags.n2(address(attr), flags);
    }

    public int posix_spawnattr_setsigmask(Pointer attr, Pointer mask) {
        return (int) attrSetsigmask.n2(address(attr), address(mask));
    }

    public int posix_spawnattr_setsigdefault(Pointer attr, Pointer signals) {
        return (int) attrSetsigdefault.n2(address(attr), address(signals));
    }

    public int sigemptyset(Pointer set) {
        return (int) sigemptyset.n1(address(set));
    }

    public int sigfillset(Pointer set) {
        return (int) sigfillset.n1(address(set));
    }

    /** Sets errno on failure. */
    public int pipe2(int[] fds, int flags) {
        long out = allocate(2L * Integer.BYTES);
        try {
            int result = (int) pipe2.n2(out, flags);
            if (result == 0) {
                fds[0] = MEMORY.getInt(out);
                fds[1] = MEMORY.getInt(out + Integer.BYTES);
            }
            return result;
        } finally {
            MEMORY.freeMemory(out);
        }
    }

    /** Sets errno on failure. Blocks as waitpid does. */
    public int waitpid(int pid, int[] status, int options) {
        long out = allocate(Integer.BYTES);
        try {
            int result = (int) waitpid.n3(pid, out, options);
            status[0] = MEMORY.getInt(out);
            return result;
        } finally {
            MEMORY.freeMemory(out);
        }
    }

    /** Reads at most {@code count} bytes into the start of {@code buf}. Sets errno on failure. */
    public long read(int fd, byte[] buf, long count) {
        int length = (int) Math.min(count, buf.length);
        long buffer = allocate(Math.max(length, 1));
        try {
            long n = read.n3(fd, buffer, length);
            if (n > 0) {
                MEMORY.getByteArray(buffer, buf, 0, (int) n);
            }
            return n;
        } finally {
            MEMORY.freeMemory(buffer);
        }
    }

    /** Writes the first {@code count} bytes of {@code buf}. Sets errno on failure. */
    public long write(int fd, byte[] buf, long count) {
        int length = (int) Math.min(count, buf.length);
        long buffer = allocate(Math.max(length, 1));
        try {
            MEMORY.putByteArray(buffer, buf, 0, length);
            return write.n3(fd, buffer, length);
        } finally {
            MEMORY.freeMemory(buffer);
        }
    }

    public int close(int fd) {
        return (int) close.n1(fd);
    }

    /** Sets errno on failure. */
    public int kill(int pid, int signal) {
        return (int) kill.n2(pid, signal);
    }

    public int getpgrp() {
        return (int) getpgrp.n0();
    }

    public int geteuid() {
        return (int) geteuid.n0();
    }

    public int getegid() {
        return (int) getegid.n0();
    }

    /** Sets errno on failure. */
    public int socket(int domain, int type, int protocol) {
        return (int) socket.n3(domain, type, protocol);
    }

    /** {@code value} is the option's value as the kernel lays it out. Sets errno on failure. */
    public int setsockopt(int fd, int level, int option, byte[] value) {
        long buffer = allocate(Math.max(value.length, 1));
        try {
            MEMORY.putByteArray(buffer, value, 0, value.length);
            return (int) setsockopt.n5(fd, level, option, buffer, value.length);
        } finally {
            MEMORY.freeMemory(buffer);
        }
    }

    /**
     * Sends {@code data} as one datagram to {@code address} (a {@code struct sockaddr} as the kernel lays it out), no
     * flags. Sets errno on failure.
     */
    public long sendto(int fd, byte[] data, byte[] address) {
        long buffer = allocate(Math.max(data.length, 1) + (long) address.length);
        try {
            long to = buffer + Math.max(data.length, 1);
            MEMORY.putByteArray(buffer, data, 0, data.length);
            MEMORY.putByteArray(to, address, 0, address.length);
            return sendto.n6(fd, buffer, data.length, 0, to, address.length);
        } finally {
            MEMORY.freeMemory(buffer);
        }
    }

    /** errno's "Interrupted system call": the call is retried. */
    public static final int EINTR = Errno.EINTR.intValue();

    /** The errno the last call that sets it left on this thread. */
    public static int errno() {
        return LastError.getInstance().get();
    }

    /** errno's description, as strerror gives it: "No such file or directory". */
    public static String describe(int errno) {
        Errno e = Errno.valueOf(errno);
        return e == null ? "errno " + errno : e.description();
    }
}
