package io.trailsift.verify;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code verify}: proves, offline, which log objects are exactly what CloudTrail delivered, which
 * were altered or removed, whether the digest chain is whole and signed, and where deliveries
 * pause. Rules follow AWS's CloudTrail user guide pages on the digest file structure and on custom
 * validation (see {@link DigestFile}, {@link DigestSignature}, {@link DigestChains}, {@link LogObjects}).
 */
public final class Verify {
    private final VerifyOptions options;
    private final NearEvents near;

    /** @param near where to look for StopLogging and friends around a gap ({@link NearEvents#NONE} without a store) */
    public Verify(VerifyOptions options, NearEvents near) {
        this.options = options;
        this.near = near;
    }

    public VerifyReport run() throws IOException, InterruptedException {
        Optional<PublicKeys> keys = options.publicKeys().isPresent()
                ? Optional.of(PublicKeys.load(options.publicKeys().get())) : Optional.empty();
        ScanResult scan = new ObjectScan(options.limits(), options.threads()).scan(options.inputs());
        DigestChains.Outcome chains = DigestChains.check(scan.digests(), scan.damagedDigests(),
                scan.sidecarSignatures(), keys);
        List<VerifyReport.ObjectResult> objects = LogObjects.check(DigestChains.distinct(scan.digests()), scan.objects());
        List<VerifyReport.DeliveryGap> gaps = DeliveryGaps.find(objects, options.gapThreshold(), near);
        return new VerifyReport(objects, chains.checks(), chains.breaks(), chains.signatures(), gaps, scan.problems());
    }
}
