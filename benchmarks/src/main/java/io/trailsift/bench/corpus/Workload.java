package io.trailsift.bench.corpus;

import io.trailsift.testkit.Actor;
import io.trailsift.testkit.Calls;
import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Identity;
import io.trailsift.testkit.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.trailsift.testkit.Json.obj;

/**
 * Code that runs with a role and gets its credentials from AWS: Lambda execution environments, ECS
 * tasks, EC2 instances (EKS nodes among them) and EKS pods with IAM roles for service accounts.
 * Each of its {@code instances} lives in epochs of about {@code epochSeconds}; every epoch starts
 * with the service issuing a new session (an AssumeRole by lambda.amazonaws.com, ecs-tasks or ec2,
 * or the pod's own AssumeRoleWithWebIdentity) and, for functions, tasks and pods, a configuration
 * loader reading its parameter path. Epoch boundaries come from a formula, not from a walk through
 * time, so the session in use at any instant is known without remembering anything: the bulk calls
 * of a window name the same key as the AssumeRole that issued it, days earlier in another thread.
 */
final class Workload extends Traffic {
    enum Kind { LAMBDA, ECS_TASK, EC2, EKS_POD }

    /** What a session reads when it starts: its parameter path, maybe one secret. */
    record Startup(String parameterPath, int secureParameters, String secretId) {
    }

    final String name;
    final Kind kind;
    final Identity.Role role;
    final Network network;
    final String agent;
    private final int instances;
    private final long epochSeconds;
    private final Instant since;
    private final long seed;
    /** Account, region and name: the same service runs in development and production under one name. */
    private final String where;
    private final Startup startup;
    private final Habits habits;
    /** ECS: the task execution role that pulls the image; EKS pods: the cluster's OIDC provider. */
    Identity.Role executionRole;
    String oidcProvider;
    String serviceAccount;
    String image;

    Workload(long seed, String name, Kind kind, Identity.Role role, Network network, String agent, int instances,
             long epochSeconds, Instant since, double weight, Startup startup, Habits habits) {
        super(role.account(), network.region(), weight);
        this.seed = seed;
        this.where = role.account() + "/" + network.region() + "/" + name;
        this.name = name;
        this.kind = kind;
        this.role = role;
        this.network = network;
        this.agent = agent;
        this.instances = instances;
        this.epochSeconds = epochSeconds;
        this.since = since;
        this.startup = startup;
        this.habits = habits;
    }

    /** One epoch of one instance: the session AWS issued it and where its calls come from. */
    final class Session implements Caller {
        final int instance;
        final long epoch;
        final Instant issued;
        final String key;
        final String sessionName;
        final Identity identity;
        private final long zone;
        private final String privateIp;

        Session(int instance, long epoch, Instant issued) {
            this.instance = instance;
            this.epoch = epoch;
            this.issued = issued;
            Ids ids = Seeds.ids(seed, where, instance, epoch, "session");
            this.key = ids.sessionKey();
            this.sessionName = switch (kind) {
                case LAMBDA -> name;
                case ECS_TASK -> ids.hex(32); // ECS names a task's session after the task id
                case EC2 -> instanceId(instance);
                case EKS_POD -> "botocore-session-" + issued.getEpochSecond();
            };
            this.identity = kind == Kind.EKS_POD
                    ? Identity.webIdentityRole(role, sessionName, key, issued, oidcProvider)
                    : Identity.assumedRole(role, sessionName, key, issued, false);
            this.zone = Seeds.of(seed, where, instance, "zone");
            this.privateIp = network.privateIp(Seeds.of(seed, where, instance, epoch, "ip"));
        }

        Workload workload() {
            return Workload.this;
        }

        @Override
        public String account() {
            return Workload.this.account();
        }

        @Override
        public String region() {
            return Workload.this.region();
        }

        @Override
        public Identity identity() {
            return identity;
        }

        /**
         * A call to {@code service} as it reaches AWS: from the private address through the VPC
         * endpoint when the VPC has one for it, else from the zone's NAT gateway address.
         */
        @Override
        public Actor actor(String service) {
            return new Actor(identity, network.endpoint(service) == null ? network.nat(zone) : privateIp, agent);
        }

        @Override
        public String endpoint(String service) {
            return network.endpoint(service);
        }
    }

    int instances() {
        return instances;
    }

    String instanceId(int instance) {
        return Seeds.ids(seed, where, instance, "instance").instanceId();
    }

    private long phase(int instance) {
        return Seeds.below(epochSeconds, seed, where, instance, "phase");
    }

    /** When epoch {@code k} of an instance starts: on a grid of epochSeconds, a little late by a fixed amount. */
    private long startSecond(int instance, long k) {
        return OrgCalendar.START.getEpochSecond() + phase(instance) + k * epochSeconds
                + Seeds.below(Math.max(1, epochSeconds / 4), seed, where, instance, k, "jitter");
    }

    /** The session an instance holds at {@code t}, or null before its first. */
    Session sessionAt(int instance, Instant t) {
        long k = Math.floorDiv(t.getEpochSecond() - OrgCalendar.START.getEpochSecond() - phase(instance), epochSeconds);
        if (startSecond(instance, k) > t.getEpochSecond()) {
            k--;
        }
        if (k < 0 || startSecond(instance, k) < since.getEpochSecond()) {
            return null;
        }
        return new Session(instance, k, Instant.ofEpochSecond(startSecond(instance, k)));
    }

    @Override
    CloudTrailEvent call(Ids ids, Instant t) {
        Session s = sessionAt(ids.random().nextInt(instances), t);
        if (s == null) {
            return null;
        }
        return habits.pick(ids).make(s, ids, t);
    }

    @Override
    void starts(Instant from, Instant to, Consumer<CloudTrailEvent> out) {
        for (int j = 0; j < instances; j++) {
            long k = Math.max(0, Math.floorDiv(from.getEpochSecond() - OrgCalendar.START.getEpochSecond() - phase(j),
                    epochSeconds) - 1);
            for (; startSecond(j, k) < to.getEpochSecond(); k++) {
                long at = startSecond(j, k);
                if (at >= from.getEpochSecond() && at >= since.getEpochSecond()) {
                    start(new Session(j, k, Instant.ofEpochSecond(at)), out);
                }
            }
        }
    }

    /** The credentials' lifetime as the service asks for it: a little longer than an epoch. */
    private int duration() {
        return (int) Math.min(43_200, Math.max(3_600, (epochSeconds * 3 / 2 + 899) / 900 * 900));
    }

    private void start(Session s, Consumer<CloudTrailEvent> out) {
        Ids ids = Seeds.ids(seed, where, s.instance, s.epoch, "start");
        Instant t = s.issued;
        switch (kind) {
            case LAMBDA -> issue(Actor.service("lambda.amazonaws.com"), s, ids, t, out);
            case EC2 -> issue(Actor.service("ec2.amazonaws.com"), s, ids, t, out);
            case ECS_TASK -> {
                pullImage(s, ids, t, out);
                t = t.plusSeconds(ids.between(8, 40));
                issue(Actor.service("ecs-tasks.amazonaws.com"), s, ids, t, out);
            }
            case EKS_POD -> out.accept(webIdentity(s, ids, t));
        }
        if (startup != null) {
            loadConfiguration(s, ids, t.plusSeconds(ids.between(1, 4)), out);
        }
    }

    private void issue(Actor service, Session s, Ids ids, Instant t, Consumer<CloudTrailEvent> out) {
        Calls.assumeRole(service, ids, t, region(), role, s.sessionName, s.key, duration()).forEach(out);
    }

    /** The pod exchanges its projected service-account token for the role's credentials, itself. */
    private CloudTrailEvent webIdentity(Session s, Ids ids, Instant t) {
        String subject = "system:serviceaccount:" + serviceAccount;
        Actor pod = new Actor(Identity.webIdentityUser(oidcProvider, subject), s.actor("sts").sourceIp(), agent);
        CloudTrailEvent e = pod.call(ids, t, region(), "sts", "AssumeRoleWithWebIdentity")
                .request(obj("roleArn", role.arn(), "roleSessionName", s.sessionName, "durationSeconds", duration()));
        java.util.Map<String, Object> response = Calls.stsResponse(ids, s.key, t.plusSeconds(duration()),
                obj("assumedRoleId", role.id() + ":" + s.sessionName,
                        "arn", "arn:aws:sts::" + account() + ":assumed-role/" + role.name() + "/" + s.sessionName));
        response.put("subjectFromWebIdentityToken", subject);
        response.put("audience", "sts.amazonaws.com");
        response.put("provider", oidcProvider);
        String vpce = network.endpoint("sts");
        e.response(response).recipient(account())
                .resources(List.of(obj("accountId", account(), "type", "AWS::IAM::Role", "ARN", role.arn())));
        return vpce == null ? e : e.vpcEndpoint(vpce);
    }

    /**
     * Before an ECS task starts, the agent assumes the task execution role and pulls the image and
     * writes to its log group with it; the application's own role comes after.
     */
    private void pullImage(Session task, Ids ids, Instant t, Consumer<CloudTrailEvent> out) {
        String key = Seeds.ids(seed, where, task.instance, task.epoch, "execution").sessionKey();
        Calls.assumeRole(Actor.service("ecs-tasks.amazonaws.com"), ids, t, region(), executionRole, task.sessionName,
                key, 3600).forEach(out);
        Actor puller = new Actor(Identity.assumedRole(executionRole, task.sessionName, key, t, false),
                network.endpoint("ecr") == null ? network.nat(task.zone) : task.privateIp, OrgAgents.ECS_AGENT);
        String repo = "arn:aws:ecr:" + region() + ":" + account() + ":repository/" + image;
        List<CloudTrailEvent> pulls = new ArrayList<>();
        pulls.add(puller.call(ids, t.plusSeconds(1), region(), "ecr", "GetAuthorizationToken").request(obj()));
        pulls.add(puller.call(ids, t.plusSeconds(2), region(), "ecr", "BatchGetImage")
                .request(obj("repositoryName", image, "registryId", account(), "imageIds", List.of(obj("imageTag", "live")),
                        "acceptedMediaTypes", List.of("application/vnd.docker.distribution.manifest.v2+json")))
                .resources(List.of(obj("accountId", account(), "ARN", repo))));
        int layers = ids.between(2, 4);
        for (int i = 0; i < layers; i++) {
            pulls.add(puller.call(ids, t.plusSeconds(3 + i), region(), "ecr", "GetDownloadUrlForLayer")
                    .request(obj("repositoryName", image, "registryId", account(), "layerDigest", "sha256:" + ids.hex(64)))
                    .resources(List.of(obj("accountId", account(), "ARN", repo))));
        }
        pulls.add(puller.call(ids, t.plusSeconds(6 + layers), region(), "logs", "CreateLogStream")
                .request(obj("logGroupName", "/ecs/" + name, "logStreamName", "ecs/" + name + "/"
                        + task.sessionName)));
        String vpce = network.endpoint("ecr");
        for (CloudTrailEvent e : pulls) {
            out.accept(vpce == null || !e.eventSource().startsWith("ecr") ? e : e.vpcEndpoint(vpce));
        }
    }

    /**
     * The configuration loader: every cold start, task start or pod start walks the service's whole
     * parameter path, recursively and decrypted, and SSM asks KMS to decrypt each SecureString on its
     * behalf; some services then read their one secret.
     */
    private void loadConfiguration(Session s, Ids ids, Instant t, Consumer<CloudTrailEvent> out) {
        out.accept(s.call(ids, t, "ssm", "GetParametersByPath")
                .request(obj("path", startup.parameterPath(), "recursive", true, "withDecryption", true,
                        "parameterFilters", List.of())));
        String kms = "arn:aws:kms:" + region() + ":" + account() + ":key/" + Seeds.ids(seed, account(), region(), "ssm-key").uuid();
        for (int i = 0; i < startup.secureParameters(); i++) {
            out.accept(onBehalf(s, ids, t, "ssm.amazonaws.com", kms, obj("PARAMETER_ARN", "arn:aws:ssm:" + region() + ":"
                    + account() + ":parameter" + startup.parameterPath() + "secret-" + i)));
        }
        if (startup.secretId() != null) {
            Instant u = t.plusSeconds(1);
            out.accept(s.call(ids, u, "secretsmanager", "GetSecretValue").request(obj("secretId", startup.secretId())));
            out.accept(onBehalf(s, ids, u, "secretsmanager.amazonaws.com", kms, obj("SecretARN", "arn:aws:secretsmanager:"
                    + region() + ":" + account() + ":secret:" + startup.secretId() + "-" + ids.alnum(6), "SecretVersionId",
                    ids.uuid())));
        }
    }

    private static CloudTrailEvent onBehalf(Session s, Ids ids, Instant t, String service, String keyArn,
                                            java.util.Map<String, Object> context) {
        return DataCalls.onBehalf(s, ids, t, service, "Decrypt", keyArn, context);
    }
}
