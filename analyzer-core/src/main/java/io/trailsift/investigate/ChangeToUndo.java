package io.trailsift.investigate;

import java.time.Instant;
import java.util.Optional;

/**
 * One successful change by a credential of the lineage that a responder must review or revert:
 * IAM persistence (users, keys, login profiles, policies, trust policies, groups) and logging or
 * detection turned off.
 *
 * @param user      requestParameters.userName
 * @param role      requestParameters.roleName
 * @param group     requestParameters.groupName
 * @param policyArn requestParameters.policyArn
 * @param policy    requestParameters.policyName
 * @param issuedKey the access key CreateAccessKey returned
 * @param trail     requestParameters.name (CloudTrail calls)
 */
public record ChangeToUndo(Instant time, String eventId, String eventName, String eventSource, String accountId,
                        String byKey, Optional<String> user, Optional<String> role, Optional<String> group,
                        Optional<String> policyArn, Optional<String> policy, Optional<String> issuedKey,
                        Optional<String> trail, Optional<String> detector) {
}
