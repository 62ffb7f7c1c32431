package io.trailsift.format.cloudtrail;

import io.trailsift.event.EventColumn;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.trailsift.event.EventColumn.*;

/**
 * The CloudTrail fields trailsift reads, by JSON name, and what each becomes: one declaration
 * for both record readers (the Jackson one and the byte scanner), so they cannot disagree on
 * which field fills which column.
 */
final class RecordFields {
    enum Kind {
        /** A string (or other scalar, as its text) into a text column. */
        TEXT,
        /** An ISO-8601 string into a time column. */
        TIME,
        /** A JSON boolean or the string "true"/"false". */
        BOOL,
        /** A nested object or array kept as its original bytes; {@code inside} picks fields on the way. */
        RAW,
        /** A nested object walked only for the fields {@code inside} picks. */
        OBJECT
    }

    /**
     * @param eventKey whether the field marks the object as a CloudTrail record (one of eventID,
     *                 eventTime, eventSource, eventName must be present)
     */
    record Field(String name, Kind kind, EventColumn column, boolean eventKey, Table inside) {
    }

    /** Fields of one JSON object, looked up by name as a String or as raw UTF-8 bytes. */
    static final class Table {
        private final Map<String, Field> byName = new LinkedHashMap<>();
        private Field[] slots;
        private byte[][] slotNames;

        private Table add(String name, Kind kind, EventColumn column) {
            return add(new Field(name, kind, column, false, null));
        }

        private Table add(Field f) {
            byName.put(f.name(), f);
            return this;
        }

        /** Builds the byte-keyed lookup once every field is in. */
        private Table seal() {
            int size = Integer.highestOneBit(byName.size() * 4);
            slots = new Field[size];
            slotNames = new byte[size][];
            for (Field f : byName.values()) {
                byte[] name = f.name().getBytes(StandardCharsets.UTF_8);
                int i = hash(name, 0, name.length) & (size - 1);
                while (slots[i] != null) {
                    i = (i + 1) & (size - 1);
                }
                slots[i] = f;
                slotNames[i] = name;
            }
            return this;
        }

        Field get(String name) {
            return byName.get(name);
        }

        /** The field named by the bytes in [from, to) (a name without escapes), or null. */
        Field get(byte[] b, int from, int to) {
            int mask = slots.length - 1;
            for (int i = hash(b, from, to) & mask; slots[i] != null; i = (i + 1) & mask) {
                if (Arrays.equals(slotNames[i], 0, slotNames[i].length, b, from, to)) {
                    return slots[i];
                }
            }
            return null;
        }

        /** Length and three bytes: enough to spread these few names, and cheap per lookup. */
        private static int hash(byte[] b, int from, int to) {
            int len = to - from;
            if (len == 0) {
                return 0;
            }
            return len * 961 + b[from] * 31 + b[from + len / 2] * 17 + b[to - 1];
        }
    }

    /** STS calls return credentials, iam:CreateAccessKey returns accessKey. */
    private static final Table ISSUED_KEY = new Table().add("accessKeyId", Kind.TEXT, ISSUED_ACCESS_KEY_ID).seal();

    private static final Table IDENTITY = new Table()
            .add("type", Kind.TEXT, IDENTITY_TYPE)
            .add("principalId", Kind.TEXT, PRINCIPAL_ID)
            .add("arn", Kind.TEXT, PRINCIPAL_ARN)
            .add("accountId", Kind.TEXT, ACCOUNT_ID)
            .add("userName", Kind.TEXT, USER_NAME)
            .add("accessKeyId", Kind.TEXT, ACCESS_KEY_ID)
            .add("invokedBy", Kind.TEXT, INVOKED_BY)
            .add(new Field("sessionContext", Kind.OBJECT, null, false, new Table()
                    .add(new Field("attributes", Kind.OBJECT, null, false, new Table()
                            .add("mfaAuthenticated", Kind.BOOL, MFA_AUTHENTICATED)
                            .add("creationDate", Kind.TIME, SESSION_CREATED_AT).seal()))
                    .add(new Field("sessionIssuer", Kind.OBJECT, null, false, new Table()
                            .add("type", Kind.TEXT, SESSION_ISSUER_TYPE)
                            .add("arn", Kind.TEXT, SESSION_ISSUER_ARN).seal()))
                    .add("sourceIdentity", Kind.TEXT, SOURCE_IDENTITY).seal()))
            .seal();

    /** The top level of a record; a name not in here goes to OTHER_FIELDS. */
    static final Table RECORD = new Table()
            .add(new Field("eventID", Kind.TEXT, EVENT_ID, true, null))
            .add(new Field("eventTime", Kind.TIME, EVENT_TIME, true, null))
            .add(new Field("eventSource", Kind.TEXT, EVENT_SOURCE, true, null))
            .add(new Field("eventName", Kind.TEXT, EVENT_NAME, true, null))
            .add("awsRegion", Kind.TEXT, AWS_REGION)
            .add("sourceIPAddress", Kind.TEXT, SOURCE_IP)
            .add("userAgent", Kind.TEXT, USER_AGENT)
            .add("eventType", Kind.TEXT, EVENT_TYPE)
            .add("eventCategory", Kind.TEXT, EVENT_CATEGORY)
            .add("readOnly", Kind.BOOL, READ_ONLY)
            .add("managementEvent", Kind.BOOL, MANAGEMENT_EVENT)
            .add("errorCode", Kind.TEXT, ERROR_CODE)
            .add("errorMessage", Kind.TEXT, ERROR_MESSAGE)
            .add("recipientAccountId", Kind.TEXT, RECIPIENT_ACCOUNT_ID)
            .add("sharedEventID", Kind.TEXT, SHARED_EVENT_ID)
            .add("requestID", Kind.TEXT, REQUEST_ID)
            .add("vpcEndpointId", Kind.TEXT, VPC_ENDPOINT_ID)
            .add("eventVersion", Kind.TEXT, EVENT_VERSION)
            .add("sessionCredentialFromConsole", Kind.BOOL, CONSOLE_SESSION)
            .add(new Field("userIdentity", Kind.RAW, USER_IDENTITY, false, IDENTITY))
            .add(new Field("requestParameters", Kind.RAW, REQUEST_PARAMETERS, false, new Table()
                    .add("userName", Kind.TEXT, TARGET_USER_NAME)
                    .add("roleArn", Kind.TEXT, ROLE_ARN).seal()))
            .add(new Field("responseElements", Kind.RAW, RESPONSE_ELEMENTS, false, new Table()
                    .add(new Field("credentials", Kind.OBJECT, null, false, ISSUED_KEY))
                    .add(new Field("accessKey", Kind.OBJECT, null, false, ISSUED_KEY)).seal()))
            .add("additionalEventData", Kind.RAW, ADDITIONAL_EVENT_DATA)
            .add("resources", Kind.RAW, RESOURCES)
            .add("serviceEventDetails", Kind.RAW, SERVICE_EVENT_DETAILS)
            .add("tlsDetails", Kind.RAW, TLS_DETAILS)
            .seal();

    /** Logstash exports drop eventTime and keep it as this field. */
    static final String LOGSTASH_TIME = "@timestamp";

    private RecordFields() {
    }
}
