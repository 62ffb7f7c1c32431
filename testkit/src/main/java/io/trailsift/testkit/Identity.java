package io.trailsift.testkit;

import java.time.Instant;
import java.util.Map;

import static io.trailsift.testkit.Json.obj;

/**
 * A CloudTrail {@code userIdentity} block and the facts the generators need about it. The shapes
 * follow AWS's "CloudTrail userIdentity element" reference: IAM users with a long-term AKIA key,
 * sessions (AssumedRole, or IAMUser after GetSessionToken / console sign-in) with an ASIA key and a
 * {@code sessionContext}, the role owner's copy of a cross-account call ({@code AWSAccount}, no
 * ARN, no key), and AWS services acting on their own ({@code AWSService}).
 *
 * @param json        the userIdentity object, in CloudTrail's field order
 * @param accountId   the account the caller belongs to ({@code null} for AWS services)
 * @param accessKeyId the key it signs with ({@code null} when CloudTrail records none)
 * @param arn         the caller's ARN ({@code null} when CloudTrail records none)
 */
public record Identity(Map<String, Object> json, String accountId, String accessKeyId, String arn) {

    public static Identity iamUser(String account, String userName, String userId, String accessKeyId) {
        String arn = "arn:aws:iam::" + account + ":user/" + userName;
        Map<String, Object> j = obj("type", "IAMUser", "principalId", userId, "arn", arn, "accountId", account);
        if (accessKeyId != null) {
            j.put("accessKeyId", accessKeyId);
        }
        j.put("userName", userName);
        return new Identity(j, account, accessKeyId, arn);
    }

    /** An IAM user's temporary credentials (GetSessionToken, or a console sign-in). */
    public static Identity iamUserSession(String account, String userName, String userId, String sessionKey,
                                          Instant created, boolean mfa) {
        Identity base = iamUser(account, userName, userId, sessionKey);
        base.json.put("sessionContext", obj("sessionIssuer", obj(), "webIdFederationData", obj(),
                "attributes", attributes(created, mfa)));
        return base;
    }

    public static Identity assumedRole(Role role, String sessionName, String sessionKey, Instant created, boolean mfa) {
        return assumedRole(role, sessionName, sessionKey, created, mfa, obj());
    }

    /** A role session whose credentials came from AssumeRoleWithWebIdentity (CI with OIDC). */
    public static Identity webIdentityRole(Role role, String sessionName, String sessionKey, Instant created,
                                           String providerArn) {
        return assumedRole(role, sessionName, sessionKey, created, false,
                obj("federatedProvider", providerArn, "attributes", obj()));
    }

    private static Identity assumedRole(Role role, String sessionName, String sessionKey, Instant created,
                                        boolean mfa, Map<String, Object> webId) {
        String arn = "arn:aws:sts::" + role.account() + ":assumed-role/" + role.name() + "/" + sessionName;
        Map<String, Object> j = obj("type", "AssumedRole", "principalId", role.id() + ":" + sessionName,
                "arn", arn, "accountId", role.account(), "accessKeyId", sessionKey,
                "sessionContext", obj(
                        "sessionIssuer", obj("type", "Role", "principalId", role.id(), "arn", role.arn(),
                                "accountId", role.account(), "userName", role.name()),
                        "webIdFederationData", webId,
                        "attributes", attributes(created, mfa)));
        return new Identity(j, role.account(), sessionKey, arn);
    }

    /**
     * What the role owner's account logs for a cross-account AssumeRole: only the caller's
     * principal id and account, no ARN and no key.
     */
    public static Identity awsAccount(String callerPrincipalId, String callerAccount) {
        return new Identity(obj("type", "AWSAccount", "principalId", callerPrincipalId, "accountId", callerAccount),
                callerAccount, null, null);
    }

    public static Identity awsService(String invokedBy) {
        return new Identity(obj("type", "AWSService", "invokedBy", invokedBy), null, null, null);
    }

    /** The caller of AssumeRoleWithWebIdentity: the OIDC subject, before it has any AWS credential. */
    public static Identity webIdentityUser(String providerArn, String subject) {
        return new Identity(obj("type", "WebIdentityUser", "principalId", providerArn + ":sts.amazonaws.com:" + subject,
                "userName", subject, "identityProvider", providerArn), null, null, null);
    }

    /**
     * A SAML-federated caller of AssumeRoleWithSAML before it has any AWS credential: IAM
     * Identity Center signs people in this way, the subject being their e-mail address.
     */
    public static Identity samlUser(String providerArn, String account, String subject, String issuerHash) {
        return new Identity(obj("type", "SAMLUser", "principalId", issuerHash + ":" + subject, "userName", subject,
                "identityProvider", providerArn), account, null, null);
    }

    /**
     * The same caller with an AWS service acting for it ({@code invokedBy}): CloudFormation creating a
     * stack's resources, S3 asking KMS for a data key, a service-linked role at work.
     */
    public Identity via(String service) {
        Map<String, Object> j = new java.util.LinkedHashMap<>(json);
        j.put("invokedBy", service);
        return new Identity(j, accountId, accessKeyId, arn);
    }

    public String principalId() {
        return (String) json.get("principalId");
    }

    private static Map<String, Object> attributes(Instant created, boolean mfa) {
        return obj("creationDate", Times.iso(created), "mfaAuthenticated", Boolean.toString(mfa));
    }

    /**
     * An IAM role: account, path, name and unique id. The path shows in the role's ARN only, never
     * in its sessions' ARNs (IAM Identity Center's roles live under /aws-reserved/sso.amazonaws.com/).
     */
    public record Role(String account, String path, String name, String id) {
        public Role(String account, String name, String id) {
            this(account, "/", name, id);
        }

        public String arn() {
            return "arn:aws:iam::" + account + ":role" + path + name;
        }
    }
}
