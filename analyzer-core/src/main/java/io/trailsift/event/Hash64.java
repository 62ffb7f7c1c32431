package io.trailsift.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** A fast 64-bit hash of bytes, for the sets that tell repeated eventIDs and contents apart. */
public final class Hash64 {
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Hash64() {
    }

    /** The bytes {@code from} to {@code to}, eight at a time, mixed into {@code seed}. */
    public static long of(byte[] b, int from, int to, long seed) {
        long h = seed ^ 0x9E3779B97F4A7C15L ^ (to - from);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = mix(h ^ (long) WORDS.get(b, i));
        }
        long tail = 0;
        for (int k = to - 1; k >= i; k--) {
            tail = (tail << 8) | (b[k] & 0xff);
        }
        return mix(h ^ tail ^ ((long) (to - i) << 56));
    }

    /** The finaliser of MurmurHash3: every input bit moves every output bit. */
    public static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB93FE53AEF63L;
        h ^= h >>> 33;
        return h;
    }
}
