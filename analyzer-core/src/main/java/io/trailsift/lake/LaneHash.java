package io.trailsift.lake;

import io.trailsift.event.Hash64;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The keyed lakes' hash of a value's bytes: four chains of {@link Hash64#mix} over alternate
 * eight-byte words, joined at the end. One chain waits on each multiplication before the next
 * word; four keep the multipliers busy, and the value's bytes were the largest part of the
 * content hash's time. Like one chain, each step mixes the running state (from the lake's
 * secret) into the next word, so a change cannot be cancelled by a later one without that state.
 *
 * <p>For JSON the same pass notes whether any byte is whitespace or a control character: only
 * then is the value minified (whitespace outside strings taken out) and hashed again.
 */
final class LaneHash {
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LANE_2 = 0x94D049BB133111EBL;
    private static final long LANE_3 = 0xBF58476D1CE4E5B9L;
    private static final long LANE_4 = 0x2545F4914F6CDD1DL;

    private LaneHash() {
    }

    /** The hash of {@code v} from the running state {@code h}; JSON whitespace outside strings does not count. */
    static long of(byte[] v, long h, boolean json) {
        long a = h;
        long b = h ^ LANE_2;
        long c = h ^ LANE_3;
        long d = h ^ LANE_4;
        long low = 0;
        int n = v.length;
        int i = 0;
        for (; i + 32 <= n; i += 32) {
            long w0 = (long) WORDS.get(v, i);
            long w1 = (long) WORDS.get(v, i + 8);
            long w2 = (long) WORDS.get(v, i + 16);
            long w3 = (long) WORDS.get(v, i + 24);
            low |= below0x21(w0) | below0x21(w1) | below0x21(w2) | below0x21(w3);
            a = Hash64.mix(a ^ w0);
            b = Hash64.mix(b ^ w1);
            c = Hash64.mix(c ^ w2);
            d = Hash64.mix(d ^ w3);
        }
        for (; i + 8 <= n; i += 8) {
            long w = (long) WORDS.get(v, i);
            low |= below0x21(w);
            a = Hash64.mix(a ^ w);
        }
        long tail = 0;
        for (int k = n - 1; k >= i; k--) {
            tail = (tail << 8) | (v[k] & 0xff);
            low |= (v[k] & 0xff) < 0x21 ? 1 : 0;
        }
        if (json && low != 0) {
            byte[] minified = Fingerprints.minifiedSlowly(v);
            if (minified.length != n) {
                return of(minified, h, false);
            }
        }
        long joined = Hash64.mix(a ^ tail ^ ((long) (n - i) << 56));
        joined = Hash64.mix(joined ^ b);
        joined = Hash64.mix(joined ^ c);
        return Hash64.mix(joined ^ d ^ n);
    }

    /** Non-zero when a byte of {@code w} is below 0x21 (UTF-8's multi-byte parts are all 0x80 and above). */
    private static long below0x21(long w) {
        return (w - 0x2121212121212121L) & ~w & 0x8080808080808080L;
    }
}
