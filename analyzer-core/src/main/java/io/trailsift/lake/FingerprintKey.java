package io.trailsift.lake;

import io.trailsift.event.RowBlock;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The lake's secret seed for its content hashes. Two copies of an eventID are taken as one event
 * when their 64-bit content hashes match; with a hash anyone can compute, an attacker who plants
 * an object in the trail's bucket could shape a forged copy of a real event to collide with it,
 * and whichever copy was read first would erase the other. Seeded with 64 random bits kept in the
 * lake ({@value #FILE}, never in the evidence), the hash of a forged copy cannot be aimed without
 * the seed: every step of the hash mixes the running state, which starts from the seed, into the
 * next word, so a change cannot be cancelled by a later one without knowing that state.
 *
 * <p>Lakes written before the seed existed have fingerprints hashed from a seed of 0 by one chain
 * of mixes; their key stays 0 and their hash that one, so their reruns still recognise the copies
 * they hold. Keyed lakes hash values with {@link LaneHash}, a faster form of the same chain.
 */
public record FingerprintKey(long seed) implements Serializable {
    /** The file in the lake's root that holds the seed, as 16 hex digits. */
    public static final String FILE = "fingerprints.key";
    /** The seed of lakes written before keys: their fingerprint files were hashed with it. */
    public static final FingerprintKey UNKEYED = new FingerprintKey(0);

    /** The content hash of row {@code r} under this key (an unkeyed lake's as its files were hashed). */
    public long contentHash(RowBlock block, int r) {
        return Fingerprints.contentHash(block, r, seed, seed != UNKEYED.seed);
    }

    /** A new random key, for a lake that has no fingerprints yet (never the unkeyed seed). */
    public static FingerprintKey fresh() {
        SecureRandom random = new SecureRandom();
        long seed;
        do {
            seed = random.nextLong();
        } while (seed == UNKEYED.seed);
        return new FingerprintKey(seed);
    }

    /** The key as its file holds it. */
    public String text() {
        return HexFormat.of().toHexDigits(seed) + "\n";
    }

    /** The key a file holds; empty when the text is not one (a damaged or foreign file). */
    public static Optional<FingerprintKey> parse(String text) {
        String digits = text.strip();
        if (digits.length() != 16 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(new FingerprintKey(HexFormat.fromHexDigitsToLong(digits)));
    }

    /** Where a lake keeps its key, on whichever file system holds the lake (the CLI's, or Hadoop's for Spark). */
    public interface KeyFile {
        /** The file's text; empty when there is no such file. */
        Optional<String> read() throws IOException;

        /** Writes the file whole under a temporary name, then renames it into place. */
        void write(String text) throws IOException;
    }

    /**
     * The key in {@code file}, made when the lake has none: a lake with fingerprints but no key
     * file is an unkeyed one. Called by the one writer of the lake ({@code where} names the file).
     */
    public static FingerprintKey of(KeyFile file, Object where, boolean hasFingerprints) throws IOException {
        Optional<String> text = file.read();
        if (text.isPresent()) {
            return parse(text.get()).orElseThrow(() ->
                    new LakeException("the lake's " + where + " is not a key (16 hex digits): restore it from a copy "
                            + "of the lake; without it copies of events already in the lake cannot be recognised"));
        }
        if (hasFingerprints) {
            return UNKEYED;
        }
        FingerprintKey key = fresh();
        file.write(key.text());
        return key;
    }

    /** {@link #of(KeyFile, Object, boolean)} for the lake at {@code layout}, on this machine's file system. */
    static FingerprintKey of(LakeLayout layout, boolean hasFingerprints) throws IOException {
        Path file = layout.root().resolve(FILE);
        KeyFile local = new KeyFile() {
            @Override
            public Optional<String> read() throws IOException {
                return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII)) : Optional.empty();
            }

            @Override
            public void write(String text) throws IOException {
                Path temporary = LakeLayout.temporary(file);
                Files.writeString(temporary, text, StandardCharsets.US_ASCII);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
        };
        return of(local, file, hasFingerprints);
    }
}
