package io.trailsift.source;

/**
 * What reading the evidence may cost at most: evidence comes from a compromised account, and a
 * crafted object must not exhaust the analyst's memory or disk.
 *
 * @param maxObjectBytes    decompressed bytes of one object (a gzip or zip bomb stops there)
 * @param maxTemporaryBytes bytes of temporary files at once, for archive entries too large to hold
 *                          in memory while they wait for a reader
 */
public record ReadLimits(long maxObjectBytes, long maxTemporaryBytes) {
    public static final ReadLimits DEFAULTS = new ReadLimits(4L << 30, 8L << 30);

    public ReadLimits {
        if (maxObjectBytes <= 0 || maxTemporaryBytes < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public ReadLimits withMaxObjectBytes(long bytes) {
        return new ReadLimits(bytes, maxTemporaryBytes);
    }

    public ReadLimits withMaxTemporaryBytes(long bytes) {
        return new ReadLimits(maxObjectBytes, bytes);
    }
}
