/**
 * libc, called through jffi without a generated binding: {@link io.twitcher.runtime.libc.LibC} (posix_spawn and its
 * file actions, pipes, waitpid, kill, sockets), made once per process by
 * {@link io.twitcher.runtime.libc.LibCBinding} (started from {@code main}'s first line), and
 * {@link io.twitcher.runtime.libc.UnixDatagramSocket} for syslog, the journal and systemd's notify socket. Used by
 * {@code process}, {@code logging} and {@code daemon}; jnr-posix remains for the passwd and group lookups.
 */
package io.twitcher.runtime.libc;
