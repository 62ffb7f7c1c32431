package io.trailsift.investigate;

import io.trailsift.event.EventTimes;
import io.trailsift.pivot.Timeline;
import io.trailsift.pivot.TimelineFilter;
import io.trailsift.pivot.TimelineRow;
import io.trailsift.store.EventStore;
import io.trailsift.store.SqlLists;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the lineage reached beyond its own keys: the users it created and what they did on their
 * own (a console sign-in has no access key, so a key lineage never sees it), and the resources it
 * made or read through any of them.
 */
final class Footprint {
    /** The calls that make or read something a responder must undo or rotate, by what they touch. */
    private static final List<String> EVENTS = List.of("RunInstances", "CreateSecurityGroup",
            "AuthorizeSecurityGroupIngress", "ImportKeyPair", "CreateKeyPair", "GetSecretValue", "GetParameter",
            "GetParameters", "GetObject");

    private static final String CREATED_USERS = """
            SELECT coalesce(recipient_account_id, account_id) AS account_id, request_parameters->>'$.userName' AS user_name,
                   coalesce(response_elements->>'$.user.arn',
                            'arn:aws:iam::' || coalesce(recipient_account_id, account_id) || ':user/'
                            || (request_parameters->>'$.userName')) AS arn,
                   event_id
            FROM events
            WHERE %s AND event_name = 'CreateUser' AND error_code IS NULL AND (request_parameters->>'$.userName') IS NOT NULL
            ORDER BY event_time, event_id""";

    /** Successful calls only: a refused RunInstances launched nothing (it stays in the timeline). */
    private static final String TOUCHED = """
            SELECT event_time, event_id, event_name, coalesce(recipient_account_id, account_id) AS account_id,
                   aws_region, coalesce(access_key_id, principal_arn) AS by, access_key_id, source_ip, user_agent,
                   event_source,
                   CASE event_name
                     WHEN 'RunInstances' THEN json_extract_string(response_elements, '$.instancesSet.items[*].instanceId')
                     WHEN 'CreateSecurityGroup' THEN [response_elements->>'$.groupId']
                     WHEN 'AuthorizeSecurityGroupIngress' THEN [request_parameters->>'$.groupId']
                     WHEN 'GetSecretValue' THEN [request_parameters->>'$.secretId']
                     WHEN 'GetParameter' THEN [request_parameters->>'$.name']
                     WHEN 'GetParameters' THEN json_extract_string(request_parameters, '$.names[*]')
                     WHEN 'GetObject' THEN [(request_parameters->>'$.bucketName') || '/' || (request_parameters->>'$.key')]
                     ELSE [request_parameters->>'$.keyName']
                   END AS ids,
                   CASE WHEN event_name = 'AuthorizeSecurityGroupIngress' THEN
                     'ports ' || coalesce(array_to_string(json_extract_string(request_parameters,
                         '$.ipPermissions.items[*].fromPort'), ','), '?')
                     || CASE WHEN request_parameters LIKE '%%"0.0.0.0/0"%%' OR request_parameters LIKE '%%"::/0"%%'
                             THEN ' open to the whole internet' ELSE '' END
                   END AS detail
            FROM events
            WHERE (%s OR %s) AND error_code IS NULL AND list_contains(?::VARCHAR[], event_name)
            ORDER BY event_time, event_id""";

    private Footprint() {
    }

    /** The IAM users the keys created, each with its own activity outside the keys. */
    static List<CreatedPrincipal> createdUsers(EventStore store, Collection<String> keys) {
        record Created(String account, String user, String arn, String eventId) {
        }
        List<Created> created = store.sql().query(CREATED_USERS.formatted(SqlLists.oneOf("access_key_id", keys.size())),
                r -> new Created(r.text("account_id"), r.text("user_name"), r.text("arn"), r.text("event_id")), keys);
        Set<String> lineage = Set.copyOf(keys);
        List<CreatedPrincipal> out = new ArrayList<>();
        for (Created c : created) {
            List<TimelineRow> own = Timeline.query(store, TimelineFilter.none().withPrincipal(c.arn())).stream()
                    .filter(r -> r.accessKeyId().map(k -> !lineage.contains(k)).orElse(true))
                    .toList();
            out.add(new CreatedPrincipal(c.account(), c.user(), c.eventId(), own));
        }
        return out;
    }

    /** What the keys, and the created users acting on their own, made or read; oldest first. */
    static List<Touched> touched(EventStore store, Collection<String> keys, List<CreatedPrincipal> users) {
        List<String> arns = users.stream().flatMap(u -> u.activity().stream())
                .flatMap(r -> r.principalArn().stream()).distinct().toList();
        String byKey = SqlLists.oneOf("access_key_id", keys.size());
        String byUser = arns.isEmpty() ? "false" : SqlLists.oneOf("principal_arn", arns.size());
        List<Object> binds = new ArrayList<>(List.of(keys));
        if (!arns.isEmpty()) {
            binds.add(arns);
        }
        binds.add(EVENTS);
        return store.sql().query(TOUCHED.formatted(byKey, byUser), r -> new Touched(kind(r.text("event_name")),
                r.time("event_time").orElseThrow(), r.text("event_id"), r.text("event_name"), r.text("account_id"),
                r.optionalText("aws_region").orElse(""), r.optionalText("by").orElse(""),
                r.texts("ids").stream().filter(id -> id != null && !id.equals("null")).toList(),
                r.optionalText("detail"), new Touched.Call(r.optionalText("access_key_id"), r.optionalText("source_ip"),
                r.optionalText("user_agent"), r.optionalText("event_source"))), binds.toArray());
    }

    private static Touched.Kind kind(String eventName) {
        return switch (eventName) {
            case "RunInstances" -> Touched.Kind.INSTANCES;
            case "CreateSecurityGroup" -> Touched.Kind.SECURITY_GROUP;
            case "AuthorizeSecurityGroupIngress" -> Touched.Kind.INGRESS_RULE;
            case "GetSecretValue" -> Touched.Kind.SECRET;
            case "GetParameter", "GetParameters" -> Touched.Kind.PARAMETER;
            case "GetObject" -> Touched.Kind.S3_OBJECT;
            default -> Touched.Kind.KEY_PAIR;
        };
    }

    /**
     * S3 reads folded to one per bucket, credential and region (an exfiltration reads thousands of
     * objects: the responder reviews the bucket), at the first read, with every object key read.
     */
    static List<Touched> foldObjectReads(List<Touched> touched) {
        Map<String, List<Touched>> buckets = new LinkedHashMap<>();
        List<Touched> out = new ArrayList<>();
        for (Touched t : touched) {
            if (t.kind() != Touched.Kind.S3_OBJECT || t.ids().isEmpty()) {
                out.add(t);
                continue;
            }
            String bucket = t.ids().get(0).split("/", 2)[0];
            buckets.computeIfAbsent(String.join(" ", t.accountId(), t.region(), t.by(), bucket), k -> new ArrayList<>()).add(t);
        }
        for (List<Touched> reads : buckets.values()) {
            Touched first = reads.get(0);
            Touched last = reads.get(reads.size() - 1);
            List<String> objects = reads.stream().flatMap(r -> r.ids().stream()).distinct().toList();
            out.add(new Touched(first.kind(), first.time(), first.eventId(), first.eventName(), first.accountId(),
                    first.region(), first.by(), objects, Optional.of(reads.size() + " reads, "
                    + EventTimes.format(first.time()) + " .. " + EventTimes.format(last.time())), first.call()));
        }
        out.sort(Comparator.comparing(Touched::time).thenComparing(Touched::eventId));
        return out;
    }
}
