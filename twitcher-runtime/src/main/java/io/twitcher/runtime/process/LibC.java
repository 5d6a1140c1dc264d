package io.twitcher.runtime.process;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Platform;
import com.kenai.jffi.Type;
import java.util.Arrays;
import jnr.ffi.Pointer;

/**
 * The part of libc the supervisor calls ({@link NativeSpawn}, its pipe streams, {@link Posix}'s signals), called
 * through jffi, the native half of jnr-ffi, without jnr-ffi's binding generator: jnr-ffi generates a binding's
 * classes with ASM when it is loaded, which cost about 60 ms of CPU at every start, on two cores shared with the
 * start itself (docs/benchmarks.md, "Start-up: CPU is the critical path"). Each call here is jffi's fast path for
 * integer and pointer arguments, as in jnr-ffi's generated code. Integer arguments are passed sign-extended in 64-bit
 * registers and int results are the low 32 bits, so this needs a 64-bit platform.
 *
 * <p>Arrays and strings go through native memory allocated for the call and freed after it; {@link Pointer}
 * arguments must be direct memory ({@code Memory.allocateDirect}), kept reachable by the caller until the call
 * returns. Where a function sets errno on failure, errno is saved for {@code jnr.ffi.Runtime#getLastError}.
 * Thread-safe: no state but the functions' addresses.
 */
final class LibC {
    private static final Invoker INVOKER = Invoker.getInstance();
    private static final MemoryIO MEMORY = MemoryIO.getInstance();
    private static final Library PROCESS = Library.getDefault();

    /** A libc function: its address and how it is called. */
    private static final class Function {
        final String name;
        final long address;
        final CallContext context;

        /** {@code address} 0 when libc lacks it (only the spawn's newer file actions may be missing). */
        Function(String name, Type result, int params, boolean savesErrno) {
            this.name = name;
            this.address = PROCESS.getSymbolAddress(name);
            Type[] types = new Type[params];
            Arrays.fill(types, Type.SLONG); // every argument is an int or a pointer, passed in a 64-bit register
            this.context = CallContext.getCallContext(result, types, CallingConvention.DEFAULT, savesErrno);
        }
    }

    private final Function posixSpawn = function("posix_spawn", 6);
    private final Function actionsInit = function("posix_spawn_file_actions_init", 1);
    private final Function actionsDestroy = function("posix_spawn_file_actions_destroy", 1);
    private final Function addDup2 = function("posix_spawn_file_actions_adddup2", 3);
    private final Function addOpen = function("posix_spawn_file_actions_addopen", 5);
    private final Function addChdir = optional("posix_spawn_file_actions_addchdir_np", 2);
    private final Function addClosefrom = optional("posix_spawn_file_actions_addclosefrom_np", 2);
    private final Function attrInit = function("posix_spawnattr_init", 1);
    private final Function attrDestroy = function("posix_spawnattr_destroy", 1);
    private final Function attrSetflags = function("posix_spawnattr_setflags", 2);
    private final Function attrSetsigmask = function("posix_spawnattr_setsigmask", 2);
    private final Function attrSetsigdefault = function("posix_spawnattr_setsigdefault", 2);
    private final Function sigemptyset = function("sigemptyset", 1);
    private final Function sigfillset = function("sigfillset", 1);
    private final Function pipe2 = savingErrno("pipe2", Type.SINT, 2);
    private final Function waitpid = savingErrno("waitpid", Type.SINT, 3);
    private final Function read = savingErrno("read", Type.SLONG, 3);
    private final Function write = savingErrno("write", Type.SLONG, 3);
    private final Function close = function("close", 1);
    private final Function kill = savingErrno("kill", Type.SINT, 2);
    private final Function getpgrp = function("getpgrp", 0);
    private final Function geteuid = function("geteuid", 0);
    private final Function getegid = function("getegid", 0);

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

    /** A function every run needs, returning an int; throws {@link UnsatisfiedLinkError} when libc lacks it. */
    static Function function(String name, int params) {
        return required(new Function(name, Type.SINT, params, false));
    }

    private static Function savingErrno(String name, Type result, int params) {
        return required(new Function(name, result, params, true));
    }

    private static Function optional(String name, int params) {
        return new Function(name, Type.SINT, params, false);
    }

    private static Function required(Function f) {
        if (f.address == 0) {
            throw new UnsatisfiedLinkError("libc has no " + f.name);
        }
        return f;
    }

    /**
     * Throws unless this libc has what {@link NativeSpawn} needs beyond every run's functions: the file actions
     * {@code addchdir_np} (glibc 2.29+) and {@code addclosefrom_np} (glibc 2.34+).
     */
    void requireSpawnFileActions() {
        required(addChdir);
        required(addClosefrom);
    }

    int posix_spawn(int[] pid, Pointer path, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp) {
        long out = allocate(Integer.BYTES);
        try {
            int result = (int) INVOKER.invokeN6(
                    posixSpawn.context,
                    posixSpawn.address,
                    out,
                    address(path),
                    address(fileActions),
                    address(attr),
                    address(argv),
                    address(envp));
            pid[0] = MEMORY.getInt(out);
            return result;
        } finally {
            MEMORY.freeMemory(out);
        }
    }

    int posix_spawn_file_actions_init(Pointer actions) {
        return call1(actionsInit, address(actions));
    }

    int posix_spawn_file_actions_destroy(Pointer actions) {
        return call1(actionsDestroy, address(actions));
    }

    int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newfd) {
        return (int) INVOKER.invokeN3(addDup2.context, addDup2.address, address(actions), fd, newfd);
    }

    /** {@code path} in {@code NativeSpawn}'s encoding; libc copies it. */
    int posix_spawn_file_actions_addopen(Pointer actions, int fd, byte[] path, int flags, int mode) {
        long p = cString(path);
        try {
            return (int) INVOKER.invokeN5(addOpen.context, addOpen.address, address(actions), fd, p, flags, mode);
        } finally {
            MEMORY.freeMemory(p);
        }
    }

    /** {@code path} in {@code NativeSpawn}'s encoding; libc copies it. */
    int posix_spawn_file_actions_addchdir_np(Pointer actions, byte[] path) {
        long p = cString(path);
        try {
            return (int) INVOKER.invokeN2(required(addChdir).context, addChdir.address, address(actions), p);
        } finally {
            MEMORY.freeMemory(p);
        }
    }

    int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from) {
        return (int) INVOKER.invokeN2(required(addClosefrom).context, addClosefrom.address, address(actions), from);
    }

    int posix_spawnattr_init(Pointer attr) {
        return call1(attrInit, address(attr));
    }

    int posix_spawnattr_destroy(Pointer attr) {
        return call1(attrDestroy, address(attr));
    }

    int posix_spawnattr_setflags(Pointer attr, short flags) {
        return (int) INVOKER.invokeN2(attrSetflags.context, attrSetflags.address, address(attr), flags);
    }

    int posix_spawnattr_setsigmask(Pointer attr, Pointer mask) {
        return (int) INVOKER.invokeN2(attrSetsigmask.context, attrSetsigmask.address, address(attr), address(mask));
    }

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer signals) {
        return (int)
                INVOKER.invokeN2(attrSetsigdefault.context, attrSetsigdefault.address, address(attr), address(signals));
    }

    int sigemptyset(Pointer set) {
        return call1(sigemptyset, address(set));
    }

    int sigfillset(Pointer set) {
        return call1(sigfillset, address(set));
    }

    /** Sets errno on failure. */
    int pipe2(int[] fds, int flags) {
        long out = allocate(2L * Integer.BYTES);
        try {
            int result = (int) INVOKER.invokeN2(pipe2.context, pipe2.address, out, flags);
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
    int waitpid(int pid, int[] status, int options) {
        long out = allocate(Integer.BYTES);
        try {
            int result = (int) INVOKER.invokeN3(waitpid.context, waitpid.address, pid, out, options);
            status[0] = MEMORY.getInt(out);
            return result;
        } finally {
            MEMORY.freeMemory(out);
        }
    }

    /** Reads at most {@code count} bytes into the start of {@code buf}. Sets errno on failure. */
    long read(int fd, byte[] buf, long count) {
        int length = (int) Math.min(count, buf.length);
        long buffer = allocate(Math.max(length, 1));
        try {
            long n = INVOKER.invokeN3(read.context, read.address, fd, buffer, length);
            if (n > 0) {
                MEMORY.getByteArray(buffer, buf, 0, (int) n);
            }
            return n;
        } finally {
            MEMORY.freeMemory(buffer);
        }
    }

    /** Writes the first {@code count} bytes of {@code buf}. Sets errno on failure. */
    long write(int fd, byte[] buf, long count) {
        int length = (int) Math.min(count, buf.length);
        long buffer = allocate(Math.max(length, 1));
        try {
            MEMORY.putByteArray(buffer, buf, 0, length);
            return INVOKER.invokeN3(write.context, write.address, fd, buffer, length);
        } finally {
            MEMORY.freeMemory(buffer);
        }
    }

    int close(int fd) {
        return call1(close, fd);
    }

    /** Sets errno on failure. */
    int kill(int pid, int signal) {
        return (int) INVOKER.invokeN2(kill.context, kill.address, pid, signal);
    }

    int getpgrp() {
        return (int) INVOKER.invokeN0(getpgrp.context, getpgrp.address);
    }

    int geteuid() {
        return (int) INVOKER.invokeN0(geteuid.context, geteuid.address);
    }

    int getegid() {
        return (int) INVOKER.invokeN0(getegid.context, getegid.address);
    }

    private static int call1(Function f, long arg) {
        return (int) INVOKER.invokeN1(f.context, f.address, arg);
    }

    private static long address(Pointer pointer) {
        return pointer == null ? 0L : pointer.address();
    }

    private static long allocate(long bytes) {
        long address = MEMORY.allocateMemory(bytes, false);
        if (address == 0) {
            throw new OutOfMemoryError("cannot allocate " + bytes + " bytes of native memory");
        }
        return address;
    }

    /** {@code bytes} and a NUL in newly allocated native memory, which the caller frees. */
    private static long cString(byte[] bytes) {
        long p = allocate(bytes.length + 1L);
        MEMORY.putZeroTerminatedByteArray(p, bytes, 0, bytes.length);
        return p;
    }
}
