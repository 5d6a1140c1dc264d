/**
 * Supervision of action processes: {@link io.twitcher.runtime.process.ProcessSupervisor} starts each run as its
 * own session and process group, optionally as another user, logs its output and exit, enforces its timeout, tracks
 * what it leaves in its group, and terminates every group at shutdown.
 *
 * <p>Children start through glibc's {@code posix_spawn} with {@code POSIX_SPAWN_SETSID} (called through jffi:
 * {@code libc.LibC}, {@code NativeSpawn}): no {@code setsid} program in front of the command, and the group exists as
 * soon as the spawn returns. The supervisor reaps its own children with {@code waitpid(pid)} on each pid, never
 * {@code waitpid(-1)}, so the JDK's reaper keeps its own children and the exit status is the real one (an exit code
 * 130 is not a SIGINT). util-linux {@code setpriv} runs in front of the command only when a uid or gid is set. Where glibc is older than 2.34 (no
 * {@code addclosefrom_np}) the JDK starts the child behind util-linux {@code setsid}, as before.
 */
package io.twitcher.runtime.process;
