package io.trailsift.investigate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Something outside IAM that the lineage (or a principal it created) made or read: compute
 * launched, a security group made or opened, a key pair imported, a secret, parameter or S3 object
 * read. Each needs a containment item: undo what was made, rotate what was read.
 *
 * @param ids    what the call names: instance ids, the group id, the key pair name, the secret id, ...
 * @param by     the access key, or the principal when it acted without a key of the lineage
 * @param detail what else the responder needs to know (the CIDRs a rule opened), if anything
 * @param call   the call's key, source IP, user agent and service
 */
public record Touched(Kind kind, Instant time, String eventId, String eventName, String accountId, String region,
                      String by, List<String> ids, Optional<String> detail, Call call) {
    public Touched {
        ids = List.copyOf(ids);
    }

    /** Who made the call and how, to tell the attacker's calls from the key's usual ones. */
    public record Call(Optional<String> accessKeyId, Optional<String> sourceIp, Optional<String> userAgent,
                       Optional<String> eventSource) {
    }

    /** What kind of thing, and whether it was made (undo it) or read (rotate it). */
    public enum Kind {
        INSTANCES("instances launched", true),
        SECURITY_GROUP("security group created", true),
        INGRESS_RULE("security group opened", true),
        KEY_PAIR("key pair imported or created", true),
        SECRET("secret read", false),
        PARAMETER("SSM parameter read", false),
        S3_OBJECT("S3 object read", false);

        private final String label;
        private final boolean made;

        Kind(String label, boolean made) {
            this.label = label;
            this.made = made;
        }

        public String label() {
            return label;
        }

        /** Made (to be removed) rather than read (to be rotated). */
        public boolean made() {
            return made;
        }
    }
}
