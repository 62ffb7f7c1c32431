package io.trailsift.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.trailsift.testkit.Json.obj;

/**
 * One CloudTrail record under construction. {@link #record()} lays the fields out in the order
 * CloudTrail writes them ("CloudTrail record contents" reference), leaving out the optional ones
 * that are unset, and writing {@code requestParameters}/{@code responseElements} as explicit
 * {@code null} the way CloudTrail does for calls without them.
 */
public final class CloudTrailEvent {
    private final Identity identity;
    private final Instant time;
    private final String eventSource;
    private final String eventName;
    private final String region;
    private final String eventId;
    private final String requestId;
    private String eventVersion = "1.08";
    private String sourceIp;
    private String userAgent;
    private String errorCode;
    private String errorMessage;
    private Object requestParameters;
    private Object responseElements;
    private Map<String, Object> additionalEventData;
    private boolean readOnly;
    private List<Map<String, Object>> resources;
    private String eventType = "AwsApiCall";
    private boolean managementEvent = true;
    private String recipientAccountId;
    private String sharedEventId;
    private String vpcEndpointId;
    private String eventCategory = "Management";
    private Map<String, Object> tlsDetails;
    private String sessionCredentialFromConsole;

    public CloudTrailEvent(Identity identity, Instant time, String eventSource, String eventName, String region,
                           String eventId, String requestId) {
        this.identity = identity;
        this.time = time;
        this.eventSource = eventSource;
        this.eventName = eventName;
        this.region = region;
        this.eventId = eventId;
        this.requestId = requestId;
        this.readOnly = isReadOnlyName(eventName);
        this.recipientAccountId = identity == null ? null : identity.accountId();
    }

    /** Names CloudTrail marks readOnly: the ones that only look. */
    public static boolean isReadOnlyName(String name) {
        return name.startsWith("Get") || name.startsWith("List") || name.startsWith("Describe")
                || name.startsWith("Lookup") || name.startsWith("Head") || name.equals("Decrypt")
                || name.startsWith("GenerateDataKey") || name.startsWith("BatchGet");
    }

    public CloudTrailEvent version(String v) {
        eventVersion = v;
        return this;
    }

    public CloudTrailEvent from(String ip, String agent) {
        sourceIp = ip;
        userAgent = agent;
        return this;
    }

    public CloudTrailEvent error(String code, String message) {
        errorCode = code;
        errorMessage = message;
        return this;
    }

    public CloudTrailEvent request(Object params) {
        requestParameters = params;
        return this;
    }

    public CloudTrailEvent response(Object elements) {
        responseElements = elements;
        return this;
    }

    public CloudTrailEvent additional(Map<String, Object> data) {
        additionalEventData = data;
        return this;
    }

    public CloudTrailEvent readOnly(boolean ro) {
        readOnly = ro;
        return this;
    }

    public CloudTrailEvent resources(List<Map<String, Object>> r) {
        resources = r;
        return this;
    }

    public CloudTrailEvent recipient(String account) {
        recipientAccountId = account;
        return this;
    }

    public CloudTrailEvent shared(String sharedId) {
        sharedEventId = sharedId;
        return this;
    }

    /** The call reached AWS through this interface or gateway VPC endpoint (its source is then a private address). */
    public CloudTrailEvent vpcEndpoint(String endpointId) {
        vpcEndpointId = endpointId;
        return this;
    }

    /** A data event (S3 object-level, Lambda Invoke): not a management event. */
    public CloudTrailEvent dataEvent() {
        managementEvent = false;
        eventCategory = "Data";
        return this;
    }

    public CloudTrailEvent consoleSession() {
        sessionCredentialFromConsole = "true";
        return this;
    }

    public CloudTrailEvent eventType(String type) {
        eventType = type;
        return this;
    }

    /** TLS 1.3 details; with a null host only the version, as older records carry. */
    public CloudTrailEvent tls(String host) {
        tlsDetails = host == null ? obj("tlsVersion", "TLSv1.3") : obj("tlsVersion", "TLSv1.3",
                "cipherSuite", "TLS_AES_128_GCM_SHA256", "clientProvidedHostHeader", host);
        return this;
    }

    public Identity identity() {
        return identity;
    }

    public Instant time() {
        return time;
    }

    public String eventId() {
        return eventId;
    }

    public String eventName() {
        return eventName;
    }

    public String eventSource() {
        return eventSource;
    }

    public String region() {
        return region;
    }

    public String recipientAccountId() {
        return recipientAccountId;
    }

    public boolean failed() {
        return errorCode != null;
    }

    public Object requestParameters() {
        return requestParameters;
    }

    public Map<String, Object> record() {
        // A test may leave out the identity or the time, as some exports and service events do.
        Map<String, Object> r = obj("eventVersion", eventVersion);
        putIfSet(r, "userIdentity", identity == null ? null : identity.json());
        putIfSet(r, "eventTime", time == null ? null : Times.iso(time));
        r.putAll(obj("eventSource", eventSource, "eventName", eventName, "awsRegion", region,
                "sourceIPAddress", sourceIp, "userAgent", userAgent));
        if (errorCode != null) {
            r.put("errorCode", errorCode);
            r.put("errorMessage", errorMessage);
        }
        r.put("requestParameters", requestParameters);
        r.put("responseElements", responseElements);
        putIfSet(r, "additionalEventData", additionalEventData);
        r.put("requestID", requestId);
        r.put("eventID", eventId);
        r.put("readOnly", readOnly);
        putIfSet(r, "resources", resources);
        r.put("eventType", eventType);
        r.put("managementEvent", managementEvent);
        r.put("recipientAccountId", recipientAccountId);
        putIfSet(r, "sharedEventID", sharedEventId);
        putIfSet(r, "vpcEndpointId", vpcEndpointId);
        r.put("eventCategory", eventCategory);
        putIfSet(r, "tlsDetails", tlsDetails);
        putIfSet(r, "sessionCredentialFromConsole", sessionCredentialFromConsole);
        return r;
    }

    public String json() {
        return Json.write(record());
    }

    public void appendTo(StringBuilder sb) {
        Json.append(sb, record());
    }

    private static void putIfSet(Map<String, Object> r, String key, Object value) {
        if (value != null) {
            r.put(key, value);
        }
    }
}
