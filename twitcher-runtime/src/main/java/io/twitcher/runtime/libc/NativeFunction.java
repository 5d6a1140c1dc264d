package io.twitcher.runtime.libc;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;
import java.util.Arrays;
import jnr.ffi.Pointer;

/**
 * A libc function found in this process and called through jffi's fast path for integer and pointer arguments (each
 * passed in a 64-bit register, as jnr-ffi's generated code does), with the native memory helpers {@link LibC} uses.
 */
final class NativeFunction {
    static final MemoryIO MEMORY = MemoryIO.getInstance();
    private static final Invoker INVOKER = Invoker.getInstance();
    private static final Library PROCESS = Library.getDefault(); // libc comes with the JVM

    private final String name;
    private final long address;
    private final CallContext context;

    /** {@code address} 0 when libc lacks it. */
    private NativeFunction(String name, boolean returnsLong, int params, boolean savesErrno) {
        this.name = name;
        this.address = PROCESS.getSymbolAddress(name);
        Type[] types = new Type[params];
        Arrays.fill(types, Type.SLONG);
        this.context = CallContext.getCallContext(
                returnsLong ? Type.SLONG : Type.SINT, types, CallingConvention.DEFAULT, savesErrno);
    }

    /** A function returning an int that every caller needs: {@link UnsatisfiedLinkError} when libc lacks it. */
    static NativeFunction required(String name, int params) {
        return new NativeFunction(name, false, params, false).require();
    }

    /** As {@link #required}, for a function that sets errno on failure: jffi saves it for {@link LibC#errno}. */
    static NativeFunction savingErrno(String name, boolean returnsLong, int params) {
        return new NativeFunction(name, returnsLong, params, true).require();
    }

    /** A function returning an int that this libc may lack: {@link #require} before calling it. */
    static NativeFunction optional(String name, int params) {
        return new NativeFunction(name, false, params, false);
    }

    /** This function, if libc has it. */
    NativeFunction require() {
        if (address == 0) {
            throw new UnsatisfiedLinkError("libc has no " + name);
        }
        return this;
    }

    // The result is the whole register: an int result is its low 32 bits, which the caller casts to.
    long n0() {
        return INVOKER.invokeN0(context, address);
    }

    long n1(long a) {
        return INVOKER.invokeN1(context, address, a);
    }

    long n2(long a, long b) {
        return INVOKER.invokeN2(context, address, a, b);
    }

    long n3(long a, long b, long c) {
        return INVOKER.invokeN3(context, address, a, b, c);
    }

    long n5(long a, long b, long c, long d, long e) {
        return INVOKER.invokeN5(context, address, a, b, c, d, e);
    }

    long n6(long a, long b, long c, long d, long e, long f) {
        return INVOKER.invokeN6(context, address, a, b, c, d, e, f);
    }

    /** {@code pointer}'s address: direct memory, or 0 for {@code null}. */
    static long address(Pointer pointer) {
        return pointer == null ? 0L : pointer.address();
    }

    /** Native memory the caller frees ({@code MEMORY.freeMemory}), not cleared. */
    static long allocate(long bytes) {
        long address = MEMORY.allocateMemory(bytes, false);
        if (address == 0) {
            throw new OutOfMemoryError("cannot allocate " + bytes + " bytes of native memory");
        }
        return address;
    }

    /** {@code bytes} and a NUL in newly allocated native memory, which the caller frees. */
    static long cString(byte[] bytes) {
        long p = allocate(bytes.length + 1L);
        MEMORY.putZeroTerminatedByteArray(p, bytes, 0, bytes.length);
        return p;
    }
}
