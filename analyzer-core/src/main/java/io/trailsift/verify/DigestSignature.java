package io.trailsift.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

/**
 * How CloudTrail signs a digest, per AWS's "Custom implementations of CloudTrail log file integrity
 * validation" (awsdocs/aws-cloudtrail-user-guide, doc_source/cloudtrail-log-file-custom-validation.md,
 * "Recreate the data signing string" and "Validate the digest file"), cross-checked with the AWS
 * CLI's validator (aws/aws-cli, awscli/customizations/cloudtrail/validation.py):
 * <pre>
 * digestEndTime (as written in the file) + "\n"
 * + digestS3Bucket + "/" + digestS3Object + "\n"
 * + hex(SHA-256(UNCOMPRESSED digest file content)) + "\n"
 * + previousDigestSignature (the text "null" in a starting digest)
 * </pre>
 * signed with SHA256withRSA (PKCS#1 v1.5), the signature hex-encoded. A digest's own signature
 * is in its S3 object metadata ({@code x-amz-meta-signature}) and, once the next digest exists,
 * in that digest's {@code previousDigestSignature}.
 */
final class DigestSignature {
    public static final String ALGORITHM = "SHA256withRSA";

    private DigestSignature() {
    }

    public static String stringToSign(DigestFile d, String uncompressedSha256Hex) {
        return d.digestEndTimeText() + "\n" + d.location() + "\n" + uncompressedSha256Hex + "\n"
                + d.previousDigestSignature().orElse("null");
    }

    /** True when {@code signatureHex} is a valid signature of the digest by {@code key}. */
    public static boolean verify(DigestFile d, String uncompressedSha256Hex, String signatureHex, PublicKey key)
            throws GeneralSecurityException {
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(signatureHex.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        Signature s = Signature.getInstance(ALGORITHM);
        s.initVerify(key);
        s.update(stringToSign(d, uncompressedSha256Hex).getBytes(StandardCharsets.UTF_8));
        return s.verify(signature);
    }
}
