package io.trailsift.sigma;

import io.trailsift.event.EventColumn;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.trailsift.event.EventColumn.*;

/**
 * Where a CloudTrail field named by a Sigma rule lives in the store: a typed column when the
 * store keeps the record's value there unchanged (text as written; booleans as true/false), else
 * the raw JSON column of its top-level object ({@code requestParameters.*}, the rest of
 * {@code userIdentity.*} ...) or, for a top-level field without a column of its own
 * ({@code apiVersion}, {@code addendum} ...), the record's other fields. A top-level name that
 * CloudTrail never writes is refused: a rule that needs it cannot match anything.
 */
final class CloudTrailFields {
    /** Where a field's values come from. */
    sealed interface Access permits Column, Json {
    }

    /** One text value per event: {@code expression} over the events table (NULL when absent). */
    record Column(String expression) implements Access {
    }

    /** The values under {@code keys} of the JSON held in {@code column}; arrays on the way are fanned out. */
    record Json(String column, List<String> keys) implements Access {
        Json {
            keys = List.copyOf(keys);
        }
    }

    private static final Map<String, EventColumn> TEXT = Map.ofEntries(
            Map.entry("eventID", EVENT_ID), Map.entry("eventSource", EVENT_SOURCE), Map.entry("eventName", EVENT_NAME),
            Map.entry("awsRegion", AWS_REGION), Map.entry("sourceIPAddress", SOURCE_IP), Map.entry("userAgent", USER_AGENT),
            Map.entry("eventType", EVENT_TYPE), Map.entry("eventCategory", EVENT_CATEGORY), Map.entry("errorCode", ERROR_CODE),
            Map.entry("errorMessage", ERROR_MESSAGE), Map.entry("recipientAccountId", RECIPIENT_ACCOUNT_ID),
            Map.entry("sharedEventID", SHARED_EVENT_ID), Map.entry("requestID", REQUEST_ID),
            Map.entry("vpcEndpointId", VPC_ENDPOINT_ID), Map.entry("eventVersion", EVENT_VERSION),
            Map.entry("userIdentity.type", IDENTITY_TYPE), Map.entry("userIdentity.principalId", PRINCIPAL_ID),
            Map.entry("userIdentity.arn", PRINCIPAL_ARN), Map.entry("userIdentity.accountId", ACCOUNT_ID),
            Map.entry("userIdentity.userName", USER_NAME), Map.entry("userIdentity.accessKeyId", ACCESS_KEY_ID),
            Map.entry("userIdentity.invokedBy", INVOKED_BY),
            Map.entry("userIdentity.sessionContext.sessionIssuer.type", SESSION_ISSUER_TYPE),
            Map.entry("userIdentity.sessionContext.sessionIssuer.arn", SESSION_ISSUER_ARN),
            Map.entry("userIdentity.sessionContext.sourceIdentity", SOURCE_IDENTITY));

    private static final Map<String, EventColumn> BOOLEANS = Map.of("readOnly", READ_ONLY,
            "managementEvent", MANAGEMENT_EVENT, "sessionCredentialFromConsole", CONSOLE_SESSION);

    private static final Map<String, EventColumn> OBJECTS = Map.of("userIdentity", USER_IDENTITY,
            "requestParameters", REQUEST_PARAMETERS, "responseElements", RESPONSE_ELEMENTS,
            "additionalEventData", ADDITIONAL_EVENT_DATA, "resources", RESOURCES,
            "serviceEventDetails", SERVICE_EVENT_DETAILS, "tlsDetails", TLS_DETAILS);

    /** Top-level fields of the CloudTrail record contents reference that have no column of their own. */
    private static final Set<String> OTHERS = Set.of("apiVersion", "vpcEndpointAccountId", "addendum",
            "edgeDeviceDetails", "insightDetails");

    private CloudTrailFields() {
    }

    static Access of(FieldPath field) throws SigmaException {
        String dotted = field.toString();
        if (TEXT.containsKey(dotted)) {
            return new Column(TEXT.get(dotted).sqlName());
        }
        String top = field.top();
        if (BOOLEANS.containsKey(dotted)) {
            return new Column("CAST(" + BOOLEANS.get(dotted).sqlName() + " AS VARCHAR)");
        }
        if (dotted.equals("eventTime")) {
            return new Column("strftime(event_time, '%Y-%m-%dT%H:%M:%SZ')");
        }
        if (OBJECTS.containsKey(top)) {
            return new Json(OBJECTS.get(top).sqlName(), field.rest());
        }
        if (OTHERS.contains(top)) {
            return new Json(OTHER_FIELDS.sqlName(), field.names());
        }
        throw new SigmaException("CloudTrail records have no field '" + top + "'" + nearest(top)
                .map(n -> " (did you mean " + n + "?)").orElse(""));
    }

    private static Optional<String> nearest(String name) {
        return java.util.stream.Stream.of(TEXT.keySet(), BOOLEANS.keySet(), OBJECTS.keySet(), OTHERS).flatMap(Set::stream)
                .map(n -> n.contains(".") ? n.substring(0, n.indexOf('.')) : n)
                .filter(n -> n.equalsIgnoreCase(name)).findFirst();
    }
}
