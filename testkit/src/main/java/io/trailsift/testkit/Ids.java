package io.trailsift.testkit;

import java.util.random.RandomGenerator;

/**
 * Identifiers shaped like AWS's, drawn from a seeded generator so every run writes the same ones.
 * Access key ids are 20 characters: a 4-letter prefix (AKIA long-term, ASIA session) and 16 of
 * A-Z/2-7; unique ids of users and roles are AIDA/AROA plus 17.
 */
public final class Ids {
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String B64 = ALNUM + "+/";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final RandomGenerator random;

    public Ids(RandomGenerator random) {
        this.random = random;
    }

    public RandomGenerator random() {
        return random;
    }

    /** A version-4 UUID, as CloudTrail writes eventID and most requestIDs. */
    public String uuid() {
        long hi = (random.nextLong() & 0xffffffffffff0fffL) | 0x4000L;
        long lo = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new java.util.UUID(hi, lo).toString();
    }

    public String longTermKey() {
        return "AKIA" + chars(KEY_CHARS, 16);
    }

    public String sessionKey() {
        return "ASIA" + chars(KEY_CHARS, 16);
    }

    public String userId() {
        return "AIDA" + chars(KEY_CHARS, 17);
    }

    public String roleId() {
        return "AROA" + chars(KEY_CHARS, 17);
    }

    /** The suffix S3 object names and Secrets Manager ARNs carry. */
    public String alnum(int n) {
        return chars(ALNUM, n);
    }

    public String base64(int n) {
        return chars(B64, n);
    }

    public String hex(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = HEX[random.nextInt(16)];
        }
        return new String(c);
    }

    public String instanceId() {
        return "i-0" + hex(16);
    }

    public int between(int lo, int hiInclusive) {
        return lo + random.nextInt(hiInclusive - lo + 1);
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public <T> T pick(java.util.List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private String chars(String alphabet, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(c);
    }
}
