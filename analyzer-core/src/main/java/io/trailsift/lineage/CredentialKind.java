package io.trailsift.lineage;

/**
 * Whether a key is a long-term IAM user key or temporary. AWS prefixes long-term user keys with
 * {@code AKIA}; STS session keys start with {@code ASIA}, and the rarer prefixes are temporary too.
 */
public enum CredentialKind {
    LONG_TERM("long-term"), SESSION("session");

    private final String label;

    CredentialKind(String label) {
        this.label = label;
    }

    public static CredentialKind of(String accessKeyId) {
        return accessKeyId.startsWith("AKIA") ? LONG_TERM : SESSION;
    }

    /** The name used in every output: {@code long-term} or {@code session}. */
    public String label() {
        return label;
    }
}
