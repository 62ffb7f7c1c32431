package io.trailsift.lineage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsift.store.EventStore;
import io.trailsift.testing.Stores;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Hand-built CloudTrail records for tests, written as one {@code {"Records":[...]}} file and ingested. */
public final class TrailRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode records = root.putArray("Records");

    /** A record of {@code service}.amazonaws.com at {@code time} (UTC ISO), region us-east-1, account 111111111111. */
    public Call call(String eventId, String time, String service, String eventName) {
        ObjectNode n = records.addObject();
        n.put("eventVersion", "1.09");
        n.put("eventTime", time);
        n.put("eventSource", service + ".amazonaws.com");
        n.put("eventName", eventName);
        n.put("awsRegion", "us-east-1");
        n.put("sourceIPAddress", "203.0.113.10");
        n.put("userAgent", "aws-cli/2.15.0");
        n.put("eventID", eventId);
        n.put("readOnly", eventName.startsWith("Get") || eventName.startsWith("List") || eventName.startsWith("Describe"));
        n.put("eventType", "AwsApiCall");
        n.put("managementEvent", true);
        n.put("recipientAccountId", "111111111111");
        return new Call(n);
    }

    /** Writes the records and ingests them into a new store at {@code dir/store.duckdb}. */
    public EventStore ingest(Path dir) throws Exception {
        Path file = dir.resolve("records.json");
        write(file);
        return Stores.filled(dir.resolve("store.duckdb"), List.of(file));
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(root));
    }

    /** One record, built fluently. */
    public static final class Call {
        private final ObjectNode n;

        Call(ObjectNode n) {
            this.n = n;
        }

        public Call user(String name, String account, String key) {
            ObjectNode u = n.putObject("userIdentity");
            u.put("type", "IAMUser");
            u.put("principalId", "AIDA" + name.toUpperCase());
            u.put("arn", "arn:aws:iam::" + account + ":user/" + name);
            u.put("accountId", account);
            u.put("accessKeyId", key);
            u.put("userName", name);
            return this;
        }

        public Call session(String role, String sessionName, String account, String key) {
            ObjectNode u = n.putObject("userIdentity");
            u.put("type", "AssumedRole");
            u.put("principalId", "AROA" + role.toUpperCase() + ":" + sessionName);
            u.put("arn", "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + sessionName);
            u.put("accountId", account);
            u.put("accessKeyId", key);
            ObjectNode issuer = u.putObject("sessionContext").putObject("sessionIssuer");
            issuer.put("type", "Role");
            issuer.put("arn", "arn:aws:iam::" + account + ":role/" + role);
            issuer.put("accountId", account);
            issuer.put("userName", role);
            return this;
        }

        /** The role owner's copy of a cross-account call: type AWSAccount, no ARN, no key. */
        public Call awsAccount(String callerAccount) {
            ObjectNode u = n.putObject("userIdentity");
            u.put("type", "AWSAccount");
            u.put("principalId", "AROACALLER:someone");
            u.put("accountId", callerAccount);
            return this;
        }

        /** A call an AWS service made on its own (instance profile, Lambda, service-linked role). */
        public Call awsService(String service) {
            ObjectNode u = n.putObject("userIdentity");
            u.put("type", "AWSService");
            u.put("invokedBy", service);
            n.put("sourceIPAddress", service);
            n.put("userAgent", service);
            return this;
        }

        /** A federated caller (SAMLUser, WebIdentityUser): no access key. */
        public Call federated(String type, String userName) {
            ObjectNode u = n.putObject("userIdentity");
            u.put("type", type);
            u.put("userName", userName);
            return this;
        }

        /** STS response: {@code credentials.accessKeyId} and the ARN the session acts as. */
        public Call issuesSession(String key, String roleArn, String actingArn) {
            if (roleArn != null) {
                n.putObject("requestParameters").put("roleArn", roleArn).put("roleSessionName", "s");
            }
            ObjectNode r = n.putObject("responseElements");
            r.putObject("credentials").put("accessKeyId", key).put("sessionToken", "token")
                    .put("expiration", "Nov 30, 2026, 8:43:17 PM");
            if (actingArn != null) {
                String field = actingArn.contains(":federated-user/") ? "federatedUser" : "assumedRoleUser";
                r.putObject(field).put("arn", actingArn).put("assumedRoleId", "AROA:s");
            }
            return this;
        }

        /** iam:CreateAccessKey response; {@code forUser} goes in requestParameters when not null. */
        public Call issuesAccessKey(String key, String userName, String forUser) {
            if (forUser != null) {
                n.putObject("requestParameters").put("userName", forUser);
            }
            n.putObject("responseElements").putObject("accessKey").put("accessKeyId", key)
                    .put("userName", userName).put("status", "Active");
            return this;
        }

        public Call ip(String ip) {
            n.put("sourceIPAddress", ip);
            return this;
        }

        public Call agent(String agent) {
            n.put("userAgent", agent);
            return this;
        }

        public Call region(String region) {
            n.put("awsRegion", region);
            return this;
        }

        public Call recipient(String account) {
            n.put("recipientAccountId", account);
            return this;
        }

        public Call shared(String sharedEventId) {
            n.put("sharedEventID", sharedEventId);
            return this;
        }

        public Call error(String code) {
            n.put("errorCode", code);
            n.put("errorMessage", "not authorized");
            return this;
        }

        /** A record without eventTime (some exports drop it); it is still stored. */
        public Call withoutTime() {
            n.remove("eventTime");
            return this;
        }
    }
}
