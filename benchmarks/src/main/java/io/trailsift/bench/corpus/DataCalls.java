package io.trailsift.bench.corpus;

import io.trailsift.testkit.Actor;
import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Ids;
import io.trailsift.testkit.Times;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.trailsift.testkit.Json.obj;

/**
 * The bulk of an organisation's trail: the same few data calls, made all day by the same
 * principals on the same resources (S3 objects, DynamoDB items, SQS messages, KMS data keys). Each
 * builder returns a habit a caller repeats; the resources are fixed when the habit is made, only the
 * object names, item keys and sizes change from call to call. A small share of them fail the way
 * busy applications do (throttling, a missing object, a conditional write that lost its race).
 */
final class DataCalls {
    /** One kind of call, on resources fixed by the habit. */
    @FunctionalInterface
    interface Call {
        CloudTrailEvent make(Caller c, Ids ids, Instant t);
    }

    private static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

    private DataCalls() {
    }

    /** GetObject, PutObject or HeadObject under a prefix with dated, numbered objects. */
    static Call s3(String eventName, String bucket, String prefix) {
        return (c, ids, t) -> {
            CloudTrailEvent e = c.s3Object(ids, t, eventName, bucket, prefix + Times.dayFolders(t) + "/" + ids.alnum(10)
                    + ".json", ids.between(400, 2_000_000));
            if (eventName.equals("GetObject") && ids.chance(0.01)) {
                e.response(null).error("NoSuchKey", "The specified key does not exist.");
            }
            return e;
        };
    }

    /** ListObjects (V1 and V2 are both logged under this name) of one prefix. */
    static Call s3List(String bucket, String prefix) {
        return (c, ids, t) -> c.call(ids, t, "s3", "ListObjects")
                .request(obj("list-type", "2", "bucketName", bucket, "Host", bucket + ".s3." + c.region() + ".amazonaws.com",
                        "prefix", prefix + Times.dayFolders(t) + "/"))
                .resources(List.of(obj("accountId", c.account(), "type", "AWS::S3::Bucket", "ARN", "arn:aws:s3:::" + bucket)))
                .dataEvent();
    }

    static Call dynamo(String eventName, String table) {
        return (c, ids, t) -> {
            String arn = "arn:aws:dynamodb:" + c.region() + ":" + c.account() + ":table/" + table;
            Map<String, Object> request = eventName.equals("Query")
                    ? obj("tableName", table, "keyConditionExpression", "pk = :pk", "expressionAttributeValues", HIDDEN,
                            "limit", 50)
                    : obj("tableName", table, "key", obj("pk", HIDDEN, "sk", HIDDEN));
            CloudTrailEvent e = c.call(ids, t, "dynamodb", eventName).request(request)
                    .resources(List.of(obj("accountId", c.account(), "type", "AWS::DynamoDB::Table", "ARN", arn)))
                    .dataEvent();
            if (ids.chance(0.006)) {
                e.error(eventName.equals("PutItem") || eventName.equals("UpdateItem") ? "ConditionalCheckFailedException"
                        : "ProvisionedThroughputExceededException", "The conditional request failed");
            }
            return e;
        };
    }

    static Call sqs(String eventName, String queue) {
        return (c, ids, t) -> {
            String url = "https://sqs." + c.region() + ".amazonaws.com/" + c.account() + "/" + queue;
            CloudTrailEvent e = c.call(ids, t, "sqs", eventName)
                    .resources(List.of(obj("accountId", c.account(), "type", "AWS::SQS::Queue",
                            "ARN", "arn:aws:sqs:" + c.region() + ":" + c.account() + ":" + queue)))
                    .dataEvent();
            return switch (eventName) {
                case "SendMessage" -> e.request(obj("queueUrl", url, "messageBody", HIDDEN))
                        .response(obj("mD5OfMessageBody", ids.hex(32), "messageId", ids.uuid()));
                case "DeleteMessage" -> e.request(obj("queueUrl", url, "receiptHandle", HIDDEN));
                default -> e.request(obj("queueUrl", url, "maxNumberOfMessages", 10, "waitTimeSeconds", 20));
            };
        };
    }

    /** Decrypt or GenerateDataKey on the account's application key, for envelope encryption. */
    static Call kms(String eventName, String keyName) {
        return (c, ids, t) -> {
            String arn = keyArn(c, keyName);
            return c.call(ids, t, "kms", eventName)
                    .request(eventName.equals("Decrypt")
                            ? obj("encryptionAlgorithm", "SYMMETRIC_DEFAULT", "encryptionContext", obj("app", keyName))
                            : obj("keyId", "alias/" + keyName, "keySpec", "AES_256", "encryptionContext", obj("app", keyName)))
                    .resources(List.of(obj("accountId", c.account(), "type", "AWS::KMS::Key", "ARN", arn)));
        };
    }

    /** S3 asks KMS for a data key with the writer's credentials when it stores an object under SSE-KMS. */
    static Call s3DataKey(String bucket) {
        return (c, ids, t) -> onBehalf(c, ids, t, "s3.amazonaws.com", "GenerateDataKey", keyArn(c, "s3-" + bucket),
                obj("aws:s3:arn", "arn:aws:s3:::" + bucket + "/" + Times.dayFolders(t) + "/" + ids.alnum(10) + ".json"));
    }

    static Call sns(String topic) {
        return (c, ids, t) -> c.call(ids, t, "sns", "Publish")
                .request(obj("topicArn", "arn:aws:sns:" + c.region() + ":" + c.account() + ":" + topic, "message", HIDDEN))
                .response(obj("messageId", ids.uuid()))
                .dataEvent();
    }

    static Call putEvents(String bus) {
        return (c, ids, t) -> c.call(ids, t, "events", "PutEvents")
                .request(obj("entries", List.of(obj("source", "acme." + bus, "detailType", bus + ".changed",
                        "eventBusName", bus, "detail", HIDDEN))))
                .response(obj("failedEntryCount", 0, "entries", List.of(obj("eventId", ids.uuid()))));
    }

    /** A read that names no resource (DescribeInstances, DescribeNetworkInterfaces...): an agent polling its node. */
    static Call describe(String service, String eventName) {
        return (c, ids, t) -> {
            String instance = c.identity().arn().substring(c.identity().arn().lastIndexOf('/') + 1);
            return c.call(ids, t, service, eventName).request(obj("filterSet", obj("items", List.of(obj(
                    "name", "attachment.instance-id", "valueSet", obj("items", List.of(obj("value", instance))))))));
        };
    }

    /** A container image pulled by a node: the registry token, the manifest, a layer. */
    static Call ecrPull(String repository) {
        return (c, ids, t) -> {
            String arn = "arn:aws:ecr:" + c.region() + ":" + c.account() + ":repository/" + repository;
            int step = ids.random().nextInt(3);
            if (step == 0) {
                return c.call(ids, t, "ecr", "GetAuthorizationToken").request(obj());
            }
            return c.call(ids, t, "ecr", step == 1 ? "BatchGetImage" : "GetDownloadUrlForLayer")
                    .request(step == 1 ? obj("repositoryName", repository, "registryId", c.account(),
                            "imageIds", List.of(obj("imageTag", "live")))
                            : obj("repositoryName", repository, "registryId", c.account(), "layerDigest", "sha256:" + ids.hex(64)))
                    .resources(List.of(obj("accountId", c.account(), "ARN", arn)));
        };
    }

    /** APIs written service:name, as pairs {service, name}. */
    static List<String[]> apis(String... serviceAndName) {
        return java.util.Arrays.stream(serviceAndName).map(a -> a.split(":", 2)).toList();
    }

    /** A KMS call a service makes with the caller's own credentials (invokedBy names the service). */
    static CloudTrailEvent onBehalf(Caller c, Ids ids, Instant t, String service, String eventName, String keyArn,
                                    Map<String, Object> context) {
        Map<String, Object> request = eventName.equals("Decrypt")
                ? obj("encryptionAlgorithm", "SYMMETRIC_DEFAULT", "encryptionContext", context)
                : obj("keyId", keyArn, "encryptionContext", context, "keySpec", "AES_256");
        return new Actor(c.identity().via(service), service, service).call(ids, t, c.region(), "kms", eventName)
                .request(request)
                .resources(List.of(obj("accountId", c.account(), "type", "AWS::KMS::Key", "ARN", keyArn)))
                .recipient(c.account());
    }

    /** The ARN of a customer-managed key of the caller's account and region, fixed by its name. */
    static String keyArn(Caller c, String keyName) {
        return "arn:aws:kms:" + c.region() + ":" + c.account() + ":key/"
                + Seeds.ids(0, c.account(), c.region(), keyName).uuid();
    }
}
