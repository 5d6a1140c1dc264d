package io.twitcher.runtime.libc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.security.auth.module.UnixSystem;
import java.nio.charset.StandardCharsets;
import jnr.constants.platform.Errno;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.junit.jupiter.api.Test;

/** libc called through jffi without a generated binding ({@link LibC}): arguments, results, out-parameters, errno. */
class LibCBindingTest {
    private static final Runtime RUNTIME = Runtime.getSystemRuntime();

    @Test
    void theBindingStartedInTheBackgroundIsTheOneEveryCallerGetsAndItCallsLibc() {
        LibCBinding.startInBackground();
        LibCBinding.startInBackground();
        LibC libc = LibCBinding.get();
        assertNotNull(libc);
        assertSame(libc, LibCBinding.get());
        Pointer attr = Memory.allocateDirect(RUNTIME, 512);
        assertEquals(0, libc.posix_spawnattr_init(attr));
        assertEquals(0, libc.posix_spawnattr_setflags(attr, (short) 0x80));
        assertEquals(0, libc.posix_spawnattr_destroy(attr));
        libc.requireSpawnFileActions(); // glibc 2.34+ here
    }

    @Test
    void bytesWrittenToAPipeAreReadBackWhole() {
        LibC libc = LibCBinding.get();
        int[] fds = {-1, -1};
        assertEquals(0, libc.pipe2(fds, 0x80000 /* O_CLOEXEC */));
        assertTrue(fds[0] > 2 && fds[1] > 2 && fds[0] != fds[1], fds[0] + " " + fds[1]);
        try {
            byte[] sent = "héllo, pipe\n".getBytes(StandardCharsets.UTF_8);
            assertEquals(sent.length, libc.write(fds[1], sent, sent.length));
            byte[] got = new byte[64];
            long n = libc.read(fds[0], got, got.length);
            assertEquals(sent.length, n);
            assertArrayEquals(sent, java.util.Arrays.copyOf(got, (int) n));
        } finally {
            assertEquals(0, libc.close(fds[0]));
            assertEquals(0, libc.close(fds[1]));
        }
        assertEquals(-1, libc.close(fds[0]), "closed once");
    }

    @Test
    void errnoIsSavedForTheCallsThatSetIt() {
        LibC libc = LibCBinding.get();
        assertEquals(-1, libc.pipe2(new int[2], -1));
        assertEquals(Errno.EINVAL.intValue(), LibC.errno(), "pipe2 with bad flags");
        assertEquals(-1, libc.waitpid(1, new int[1], 0));
        assertEquals(Errno.ECHILD.intValue(), LibC.errno(), "waitpid for init, not our child");
        assertEquals(-1, libc.kill(Integer.MAX_VALUE, 0));
        assertEquals(Errno.ESRCH.intValue(), LibC.errno(), "kill of a pid above pid_max");
        assertEquals(-1, libc.read(-1, new byte[8], 8));
        assertEquals(Errno.EBADF.intValue(), LibC.errno(), "read of a bad descriptor");
        assertEquals(-1, libc.write(-1, new byte[8], 8));
        assertEquals(Errno.EBADF.intValue(), LibC.errno(), "write to a bad descriptor");
    }

    @Test
    void aFunctionLibcLacksIsNamedWhenLookedUp() {
        UnsatisfiedLinkError e = org.junit.jupiter.api.Assertions.assertThrows(
                UnsatisfiedLinkError.class, () -> NativeFunction.required("twitcher_no_such_function", 1));
        assertEquals("libc has no twitcher_no_such_function", e.getMessage());
    }

    @Test
    void negativeArgumentsAndTheProcesssIdsPassThroughUnchanged() {
        LibC libc = LibCBinding.get();
        UnixSystem self = new UnixSystem();
        assertEquals(self.getUid(), libc.geteuid());
        assertEquals(self.getGid(), libc.getegid());
        assertTrue(libc.getpgrp() > 0);
        // kill(-pgid, 0) probes a whole group: this JVM's own group exists
        assertEquals(0, libc.kill(-libc.getpgrp(), 0));
    }
}
