/**
 * Supervision of action processes: {@link io.twitcher.runtime.process.ProcessSupervisor} starts each run as its
 * own session and process group, optionally as another user, logs its output and exit, enforces its timeout, and
 * terminates every group at shutdown.
 *
 * <p>Why util-linux {@code setsid} and {@code setpriv} in front of the command instead of a JNI/JNR fork: the JDK
 * owns fork/exec of its children and reaps them on its own thread, and a second forker in the same JVM would race it
 * for {@code waitpid} and leave zombies or lost exit codes. Both wrappers exec in place, so the pid the JDK reports is
 * the action's pid and its process group id; only signals ({@code kill(-pgid, sig)}) and user lookups go native.
 */
package io.twitcher.runtime.process;
