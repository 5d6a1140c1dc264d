package io.twitcher.runtime.process;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The part of libc used by {@link NativeSpawn} and its pipe streams, bound by jnr-ffi.
 *
 * <p>Public because jnr-ffi implements it in a class loader of its own, which cannot reach a package-private
 * interface: the binding would fail and every action would quietly start through setsid.
 */
public interface LibC {
    /**
     * The path, argv and envp are native memory of the caller's, kept reachable until the call returns: jnr-ffi's
     * generated stubs do not keep memory they convert a {@code String[]} into reachable during the call (jnr-ffi issue
     * 358), and a collection then freed it under the spawn ("Bad address").
     */
    int posix_spawn(@Out int[] pid, Pointer path, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp);

    int posix_spawn_file_actions_init(Pointer actions);

    int posix_spawn_file_actions_destroy(Pointer actions);

    int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newfd);

    int posix_spawn_file_actions_addopen(Pointer actions, int fd, @In String path, int flags, int mode);

    int posix_spawn_file_actions_addchdir_np(Pointer actions, @In String path);

    int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_destroy(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer mask);

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer signals);

    int sigemptyset(Pointer set);

    int sigfillset(Pointer set);

    @SaveError
    int pipe2(@Out int[] fds, int flags);

    @SaveError
    int waitpid(int pid, @Out int[] status, int options);

    @SaveError
    @ssize_t
    long read(int fd, @Out byte[] buf, @size_t long count);

    @SaveError
    @ssize_t
    long write(int fd, @In byte[] buf, @size_t long count);

    int close(int fd);
}
