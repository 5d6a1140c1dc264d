package io.twitcher.runtime.process;

import io.twitcher.runtime.libc.LibC;
import io.twitcher.runtime.libc.LibCBinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Reference;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts children with glibc's {@code posix_spawn}: a new session and process group straight from the spawn
 * ({@code POSIX_SPAWN_SETSID}, glibc 2.26+), working directory {@code /}, default signal dispositions and an empty
 * signal mask, pipes on descriptors 0-2 and every other descriptor closed ({@code addclosefrom_np}, glibc 2.34+), so
 * no wrapper program runs in front of the action. The caller reaps each child with {@link #waitFor} (waitpid on
 * that pid only: the JDK's own children stay the JDK's).
 *
 * <p>Why libc's own calls ({@link LibC}) rather than jnr-posix's {@code posix_spawnp}: that one has no chdir and no
 * closefrom file actions, and without closefrom every descriptor the JVM opened without close-on-exec (jars, sockets)
 * would leak into actions.
 */
final class NativeSpawn {
    private static final Logger LOG = LoggerFactory.getLogger(NativeSpawn.class);
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final short POSIX_SPAWN_SETSID = 0x80;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    // glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 on 64-bit Linux; sigset_t 128.
    private static final int STRUCT_BYTES = 512;

    private static volatile Object instance;
    /** How the JDK encodes a child's arguments and environment (ProcessBuilder does the same). */
    private static final Charset CHARSET = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    private static final byte[] DEV_NULL = "/dev/null".getBytes(CHARSET);
    private static final byte[] ROOT = "/".getBytes(CHARSET);

    private final LibC libc;
    private final Runtime runtime;

    private NativeSpawn(LibC libc) {
        this.libc = libc;
        this.runtime = Runtime.getSystemRuntime(); // for native memory
    }

    /**
     * The process-wide instance, or {@code null} when this libc cannot spawn this way (not glibc 2.34+, no native
     * access): the supervisor then falls back to {@code setsid} in front of the command. Loaded on first use.
     */
    static NativeSpawn get() {
        Object found = instance;
        if (found == null) {
            synchronized (NativeSpawn.class) {
                found = instance;
                if (found == null) {
                    found = load();
                    instance = found;
                }
            }
        }
        return found instanceof NativeSpawn spawn ? spawn : null;
    }

    /** Starts loading the native binding on a background thread, so that the first action need not wait as long. */
    static void warmUp() {
        if (instance == null) {
            Thread thread = new Thread(NativeSpawn::get, "twitcher-native-init");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static Object load() {
        if (!LibCBinding.wanted()) {
            // the previous spawn path, kept selectable for comparison (benchmarks/latency) and for tests
            LOG.info("Actions start through setsid (-Dtwitcher.spawn=setsid)");
            return Boolean.FALSE;
        }
        try {
            LibC libc = LibCBinding.get();
            libc.requireSpawnFileActions();
            return new NativeSpawn(libc);
        } catch (LinkageError | RuntimeException e) {
            LOG.info(
                    "posix_spawn with a new session is not available here ({}); actions start through setsid",
                    e.getMessage());
            return Boolean.FALSE;
        }
    }

    /** A started child: its pid and the parent's ends of its pipes ({@code stdin} is -1 when it reads /dev/null). */
    record Child(int pid, int stdin, int stdout, int stderr) {}

    /**
     * Starts {@code path} with {@code argv} and {@code envp}; the child's stdin is a pipe when {@code pipeStdin}, else
     * /dev/null.
     *
     * @throws IOException with errno's description when nothing was started
     */
    Child spawn(String path, List<String> argv, String[] envp, boolean pipeStdin) throws IOException {
        int[] in = pipeStdin ? pipe() : null;
        int[] out = null;
        int[] err = null;
        Pointer actions = Memory.allocateDirect(runtime, STRUCT_BYTES);
        Pointer attr = Memory.allocateDirect(runtime, STRUCT_BYTES);
        Pointer signals = Memory.allocateDirect(runtime, STRUCT_BYTES);
        boolean started = false;
        try {
            out = pipe();
            err = pipe();
            check(libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            check(libc.posix_spawnattr_init(attr), "posix_spawnattr_init");
            try {
                if (in != null) {
                    check(libc.posix_spawn_file_actions_adddup2(actions, in[0], 0), "adddup2");
                } else {
                    check(libc.posix_spawn_file_actions_addopen(actions, 0, DEV_NULL, O_RDONLY, 0), "addopen");
                }
                check(libc.posix_spawn_file_actions_adddup2(actions, out[1], 1), "adddup2");
                check(libc.posix_spawn_file_actions_adddup2(actions, err[1], 2), "adddup2");
                check(libc.posix_spawn_file_actions_addchdir_np(actions, ROOT), "addchdir_np");
                check(libc.posix_spawn_file_actions_addclosefrom_np(actions, 3), "addclosefrom_np");
                libc.sigemptyset(signals);
                check(libc.posix_spawnattr_setsigmask(attr, signals), "setsigmask");
                libc.sigfillset(signals);
                check(libc.posix_spawnattr_setsigdefault(attr, signals), "setsigdefault");
                check(
                        libc.posix_spawnattr_setflags(
                                attr, (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)),
                        "setflags");
                List<Pointer> keep = new ArrayList<>();
                int[] pid = new int[1];
                int error = libc.posix_spawn(
                        pid, cString(path, keep), actions, attr, cStrings(argv, keep), cStrings(envp, keep));
                Reference.reachabilityFence(keep); // the native memory lives until posix_spawn has returned
                if (error != 0) {
                    throw new IOException(LibC.describe(error));
                }
                started = true;
                return new Child(pid[0], in == null ? -1 : in[1], out[0], err[0]);
            } finally {
                libc.posix_spawn_file_actions_destroy(actions);
                libc.posix_spawnattr_destroy(attr);
            }
        } finally {
            // The child's ends are the child's now (or nobody's); the parent's ends only if nothing started.
            closeEnd(in, 0);
            closeEnd(out, 1);
            closeEnd(err, 1);
            if (!started) {
                closeEnd(in, 1);
                closeEnd(out, 0);
                closeEnd(err, 0);
            }
        }
    }

    /**
     * Blocks until {@code pid} has exited and reaps it; returns its raw wait status. Not interruptible: the caller
     * makes sure the child ends.
     */
    int waitFor(int pid) throws IOException {
        int[] status = new int[1];
        while (true) {
            int result = libc.waitpid(pid, status, 0);
            if (result == pid) {
                return status[0];
            }
            int errno = LibC.errno();
            if (result < 0 && errno != LibC.EINTR) {
                throw new IOException("waitpid(" + pid + ") failed: " + LibC.describe(errno));
            }
        }
    }

    /** A stream reading the parent's end {@code fd} of a pipe; closing it closes the descriptor. */
    InputStream input(int fd) {
        return PipeStreams.input(libc, fd);
    }

    /** A stream writing to the parent's end {@code fd} of a pipe; closing it closes the descriptor. */
    OutputStream output(int fd) {
        return PipeStreams.output(libc, fd);
    }

    /** {@code text} as a NUL-terminated string in native memory, which {@code keep} holds. */
    private Pointer cString(String text, List<Pointer> keep) {
        byte[] bytes = text.getBytes(CHARSET);
        Pointer p = Memory.allocateDirect(runtime, bytes.length + 1);
        p.put(0, bytes, 0, bytes.length);
        p.putByte(bytes.length, (byte) 0);
        keep.add(p);
        return p;
    }

    /** A NULL-terminated array of C strings (a {@code null} entry ends it early), all held by {@code keep}. */
    private Pointer cStrings(List<String> texts, List<Pointer> keep) {
        int size = runtime.addressSize();
        Pointer array = Memory.allocateDirect(runtime, (texts.size() + 1) * size, true);
        keep.add(array);
        int i = 0;
        for (String text : texts) {
            if (text == null) {
                break;
            }
            array.putPointer((long) i++ * size, cString(text, keep));
        }
        array.putAddress((long) i * size, 0L);
        return array;
    }

    private Pointer cStrings(String[] texts, List<Pointer> keep) {
        return cStrings(java.util.Arrays.asList(texts), keep);
    }

    private int[] pipe() throws IOException {
        int[] fds = new int[2];
        if (libc.pipe2(fds, O_CLOEXEC) != 0) {
            throw new IOException("pipe failed: " + LibC.describe(LibC.errno()));
        }
        return fds;
    }

    private void closeEnd(int[] fds, int which) {
        if (fds != null && fds[which] >= 0) {
            libc.close(fds[which]);
            fds[which] = -1;
        }
    }

    private static void check(int result, String call) throws IOException {
        if (result != 0) {
            throw new IOException(call + " failed: " + LibC.describe(result));
        }
    }
}
