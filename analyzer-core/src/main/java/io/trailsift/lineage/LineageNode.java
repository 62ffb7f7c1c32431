package io.trailsift.lineage;

import java.util.Optional;

/**
 * One credential in a {@link Lineage}: where it sits in the tree, how it was obtained (when the
 * issuing call is in the logs, even if its caller is not) and what it did.
 */
public record LineageNode(String accessKeyId, CredentialKind kind, Optional<String> principalArn,
                          Optional<String> parent, int depth, Optional<Origin> origin, CredentialActivity activity) {
}
