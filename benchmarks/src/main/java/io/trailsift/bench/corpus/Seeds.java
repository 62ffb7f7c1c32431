package io.trailsift.bench.corpus;

import io.trailsift.testkit.Ids;

import java.util.SplittableRandom;

/**
 * Seeds derived from the corpus seed and the names of what they are for (a workload, an instance,
 * an epoch, a day): whoever needs the session key of a function's third cold start on day 12 gets
 * the same one, whichever thread asks and in whatever order, so nothing has to be remembered.
 */
final class Seeds {
    private Seeds() {
    }

    static long of(long seed, Object... parts) {
        long h = mix(seed + 0x9E3779B97F4A7C15L);
        for (Object p : parts) {
            long v = p instanceof Number n ? n.longValue() : p.hashCode(); // String.hashCode is fixed by the JLS
            h = mix(h * 0x100000001B3L + v);
        }
        return h;
    }

    static Ids ids(long seed, Object... parts) {
        return new Ids(new SplittableRandom(of(seed, parts)));
    }

    /** A number in [0, bound) fixed by the parts. */
    static long below(long bound, long seed, Object... parts) {
        return Math.floorMod(of(seed, parts), bound);
    }

    /** SplitMix64's finaliser: every input bit reaches every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
