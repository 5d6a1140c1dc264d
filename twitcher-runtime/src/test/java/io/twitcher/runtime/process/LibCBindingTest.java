package io.twitcher.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.junit.jupiter.api.Test;

class LibCBindingTest {
    @Test
    void theBindingStartedInTheBackgroundIsTheOneEveryCallerGetsAndItCallsLibc() {
        LibCBinding.startInBackground();
        LibCBinding.startInBackground();
        LibC libc = LibCBinding.get();
        assertNotNull(libc);
        assertSame(libc, LibCBinding.get());
        Pointer attr = Memory.allocateDirect(Runtime.getRuntime(libc), 512);
        assertEquals(0, libc.posix_spawnattr_init(attr));
        assertEquals(0, libc.posix_spawnattr_destroy(attr));
        assertNotNull(NativeSpawn.get(), "posix_spawn through the same binding");
    }
}
