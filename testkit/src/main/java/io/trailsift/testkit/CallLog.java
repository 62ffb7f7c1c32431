package io.trailsift.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.trailsift.testkit.Json.obj;

/**
 * Hand-written calls for tests, in one {@code {"Records":[...]}} file: each {@link Call} says only
 * what its test is about (who called, what it issued) and {@link CloudTrailEvent} writes the
 * record. Defaults: region us-east-1, account 111111111111, IP 203.0.113.10, the AWS CLI.
 */
public final class CallLog {
    private final List<Call> calls = new ArrayList<>();

    /** A call of {@code service}.amazonaws.com at {@code time} (UTC ISO-8601), with no identity yet. */
    public Call call(String eventId, String time, String service, String eventName) {
        Call c = new Call(eventId, Instant.parse(time), service + ".amazonaws.com", eventName);
        calls.add(c);
        return c;
    }

    public List<String> records() {
        return calls.stream().map(c -> c.event().json()).toList();
    }

    /** The calls as one uncompressed log object. */
    public Path write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, TrailLayout.records(records()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One call, built fluently. */
    public static final class Call {
        private final String eventId;
        private Instant time;
        private final String eventSource;
        private final String eventName;
        private Identity identity;
        private String region = "us-east-1";
        private String ip = "203.0.113.10";
        private String agent = "aws-cli/2.15.0";
        private String recipient = "111111111111";
        private String shared;
        private String errorCode;
        private Map<String, Object> request;
        private Map<String, Object> response;

        private Call(String eventId, Instant time, String eventSource, String eventName) {
            this.eventId = eventId;
            this.time = time;
            this.eventSource = eventSource;
            this.eventName = eventName;
        }

        CloudTrailEvent event() {
            CloudTrailEvent e = new CloudTrailEvent(identity, time, eventSource, eventName, region, eventId, null)
                    .version("1.09").from(ip, agent).recipient(recipient).request(request).response(response);
            if (errorCode != null) {
                e.error(errorCode, "not authorized");
            }
            if (shared != null) {
                e.shared(shared);
            }
            return e;
        }

        public Call user(String name, String account, String key) {
            identity = Identity.iamUser(account, name, "AIDA" + name.toUpperCase(), key);
            return this;
        }

        public Call session(String role, String sessionName, String account, String key) {
            String arn = "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + sessionName;
            identity = new Identity(obj("type", "AssumedRole", "principalId", "AROA" + role.toUpperCase() + ":" + sessionName,
                    "arn", arn, "accountId", account, "accessKeyId", key,
                    "sessionContext", obj("sessionIssuer", obj("type", "Role", "arn", "arn:aws:iam::" + account + ":role/" + role,
                            "accountId", account, "userName", role))), account, key, arn);
            return this;
        }

        /** The role owner's copy of a cross-account call: type AWSAccount, no ARN, no key. */
        public Call awsAccount(String callerAccount) {
            identity = Identity.awsAccount("AROACALLER:someone", callerAccount);
            return this;
        }

        /** A call an AWS service made on its own (instance profile, Lambda, service-linked role). */
        public Call awsService(String service) {
            identity = Identity.awsService(service);
            ip = service;
            agent = service;
            return this;
        }

        /** A federated caller (SAMLUser, WebIdentityUser): no access key. */
        public Call federated(String type, String userName) {
            identity = new Identity(obj("type", type, "userName", userName), null, null, null);
            return this;
        }

        /** STS response: {@code credentials.accessKeyId} and the ARN the session acts as. */
        public Call issuesSession(String key, String roleArn, String actingArn) {
            if (roleArn != null) {
                request = obj("roleArn", roleArn, "roleSessionName", "s");
            }
            response = obj("credentials", obj("accessKeyId", key, "sessionToken", "token",
                    "expiration", "Nov 30, 2026, 8:43:17 PM"));
            if (actingArn != null) {
                String field = actingArn.contains(":federated-user/") ? "federatedUser" : "assumedRoleUser";
                response.put(field, obj("arn", actingArn, "assumedRoleId", "AROA:s"));
            }
            return this;
        }

        /** iam:CreateAccessKey response; {@code forUser} goes in requestParameters when not null. */
        public Call issuesAccessKey(String key, String userName, String forUser) {
            if (forUser != null) {
                request = obj("userName", forUser);
            }
            response = obj("accessKey", obj("accessKeyId", key, "userName", userName, "status", "Active"));
            return this;
        }

        public Call ip(String address) {
            ip = address;
            return this;
        }

        public Call agent(String userAgent) {
            agent = userAgent;
            return this;
        }

        public Call region(String name) {
            region = name;
            return this;
        }

        public Call recipient(String account) {
            recipient = account;
            return this;
        }

        public Call shared(String sharedEventId) {
            shared = sharedEventId;
            return this;
        }

        public Call error(String code) {
            errorCode = code;
            return this;
        }

        /** A record without eventTime (some exports drop it); it is still stored. */
        public Call withoutTime() {
            time = null;
            return this;
        }
    }
}
