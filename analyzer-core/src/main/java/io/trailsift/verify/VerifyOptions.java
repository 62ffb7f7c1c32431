package io.trailsift.verify;

import io.trailsift.source.ReadLimits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to verify.
 *
 * @param publicKeys     output of {@code aws cloudtrail list-public-keys}, saved while the account was trusted
 * @param gapThreshold   a delivery pause longer than this is a gap
 * @param threads        hashing threads
 * @param limits       what reading one object, and the archives' temporary files, may cost
 */
public record VerifyOptions(List<Path> inputs, Optional<Path> publicKeys, Duration gapThreshold, int threads,
                            ReadLimits limits) {
    public static final Duration DEFAULT_GAP = Duration.ofHours(1);

    public static VerifyOptions defaults(List<Path> inputs) {
        return new VerifyOptions(List.copyOf(inputs), Optional.empty(), DEFAULT_GAP,
                Runtime.getRuntime().availableProcessors(), ReadLimits.DEFAULTS);
    }

    public VerifyOptions withPublicKeys(Path file) {
        return new VerifyOptions(inputs, Optional.of(file), gapThreshold, threads, limits);
    }

    public VerifyOptions withGapThreshold(Duration gap) {
        return new VerifyOptions(inputs, publicKeys, gap, threads, limits);
    }

    public VerifyOptions withThreads(int n) {
        return new VerifyOptions(inputs, publicKeys, gapThreshold, n, limits);
    }

    public VerifyOptions withLimits(ReadLimits l) {
        return new VerifyOptions(inputs, publicKeys, gapThreshold, threads, l);
    }

    /** {@code 90m}, {@code 1h}, {@code 2d}, or ISO-8601 ({@code PT1H}). */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("P") || t.startsWith("p")) {
                return positive(Duration.parse(t), text);
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return positive(switch (Character.toLowerCase(t.charAt(t.length() - 1))) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException();
            }, text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 90m, 1h, 2d, PT1H)");
        }
    }

    private static Duration positive(Duration d, String text) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("not a positive duration: " + text);
        }
        return d;
    }
}
