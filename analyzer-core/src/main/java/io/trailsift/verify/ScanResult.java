package io.trailsift.verify;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the inputs hold, hashed: digests, every other object, saved digest signatures, and what
 * could not be read.
 *
 * @param sidecarSignatures digest path -> hex signature from its saved S3 metadata
 * @param problems          inputs the walker could not hand over ("path: reason")
 */
record ScanResult(List<Digest> digests, List<DamagedDigest> damagedDigests, List<LocalObject> objects,
                  Map<String, String> sidecarSignatures, List<String> problems) {

    /** A digest read from {@code path}; {@code sha256} is the hex SHA-256 of its uncompressed content. */
    record Digest(String path, DigestFile file, String sha256) {
    }

    record DamagedDigest(String path, String reason) {
    }

    /**
     * Any object that is not a digest or a sidecar.
     *
     * @param sha256        hex SHA-256 of the uncompressed content; empty when it could not be read to the end
     * @param error         why it could not be read
     * @param cloudTrailLog under a {@code CloudTrail/} prefix, or content starting with {@code {"Records"}
     */
    record LocalObject(String path, Optional<String> sha256, Optional<String> error, boolean cloudTrailLog) {
    }
}
