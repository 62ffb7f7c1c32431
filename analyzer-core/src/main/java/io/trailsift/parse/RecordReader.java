package io.trailsift.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trailsift.store.EventColumn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalLong;

import static io.trailsift.store.EventColumn.*;

/**
 * Reads one CloudTrail record, already positioned inside its object, into the pending row of a
 * {@link RowBlock}. Typed columns are decoded; nested objects are kept as their original bytes
 * (taken from the {@link RawWindow}) while the few fields pivots need are picked out on the way.
 */
final class RecordReader {
    /** Outcome of one record. */
    enum Result { STORED, FILTERED, NOT_A_RECORD, TOO_LARGE }

    private final JsonFactory factory;
    private final RawWindow window;
    private final RecordFilter filter;
    private RowBlock block;
    private boolean sawEventKey;
    private ByteArrayOutputStream otherBytes;
    private JsonGenerator other;
    private String atTimestamp;

    RecordReader(JsonFactory factory, RawWindow window, RecordFilter filter) {
        this.factory = factory;
        this.window = window;
        this.filter = filter;
    }

    /**
     * Reads the fields of a record whose START_OBJECT started at {@code start}; the parser's
     * current token is the first FIELD_NAME (or END_OBJECT). Leaves the parser on END_OBJECT.
     */
    Result read(JsonParser p, long start, RowBlock target) throws IOException {
        block = target;
        sawEventKey = false;
        atTimestamp = null;
        other = null;
        for (JsonToken t = p.currentToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            field(p, name);
        }
        long end = p.currentLocation().getByteOffset();
        if (window.overflowed()) {
            block.clearRow();
            return Result.TOO_LARGE;
        }
        if (!sawEventKey) {
            block.clearRow();
            return Result.NOT_A_RECORD;
        }
        finishRow(start, end);
        if (!filter.keeps(block.pendingTime(EVENT_TIME), accountOf(), string(block.pendingText(AWS_REGION)))) {
            block.clearRow();
            return Result.FILTERED;
        }
        block.commitRow();
        return Result.STORED;
    }

    private void finishRow(long start, long end) throws IOException {
        if (block.pendingTime(EVENT_TIME) == RowBlock.NULL_TIME && atTimestamp != null) {
            // Logstash exports drop eventTime and keep it as @timestamp.
            EventTimes.parseMicros(atTimestamp).ifPresent(m -> block.setTime(EVENT_TIME, m));
        }
        if (block.pendingText(EVENT_ID) == null) {
            // eventVersion 1.0 records have no eventID: a hash of the record's bytes is stable
            // across overlapping copies, so duplicates still collapse.
            block.setText(EVENT_ID, syntheticId(start, end));
        }
        if (other != null) {
            other.writeEndObject();
            other.close();
            block.setText(OTHER_FIELDS, otherBytes.toByteArray());
        }
    }

    private String accountOf() {
        byte[] recipient = block.pendingText(RECIPIENT_ACCOUNT_ID);
        return string(recipient != null ? recipient : block.pendingText(ACCOUNT_ID));
    }

    private static String string(byte[] utf8) {
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }

    private byte[] syntheticId(long start, long end) {
        byte[] raw = window.slice(start, end);
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(raw);
            return ("sha256:" + HexFormat.of().formatHex(sha, 0, 16)).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private void field(JsonParser p, String name) throws IOException {
        switch (name) {
            case "eventID" -> { text(p, EVENT_ID); sawEventKey = true; }
            case "eventTime" -> { time(p, EVENT_TIME); sawEventKey = true; }
            case "eventSource" -> { text(p, EVENT_SOURCE); sawEventKey = true; }
            case "eventName" -> { text(p, EVENT_NAME); sawEventKey = true; }
            case "awsRegion" -> text(p, AWS_REGION);
            case "sourceIPAddress" -> text(p, SOURCE_IP);
            case "userAgent" -> text(p, USER_AGENT);
            case "eventType" -> text(p, EVENT_TYPE);
            case "eventCategory" -> text(p, EVENT_CATEGORY);
            case "readOnly" -> bool(p, READ_ONLY);
            case "managementEvent" -> bool(p, MANAGEMENT_EVENT);
            case "errorCode" -> text(p, ERROR_CODE);
            case "errorMessage" -> text(p, ERROR_MESSAGE);
            case "recipientAccountId" -> text(p, RECIPIENT_ACCOUNT_ID);
            case "sharedEventID" -> text(p, SHARED_EVENT_ID);
            case "requestID" -> text(p, REQUEST_ID);
            case "vpcEndpointId" -> text(p, VPC_ENDPOINT_ID);
            case "eventVersion" -> text(p, EVENT_VERSION);
            case "sessionCredentialFromConsole" -> bool(p, CONSOLE_SESSION);
            case "userIdentity" -> nested(p, USER_IDENTITY, this::userIdentity);
            case "requestParameters" -> nested(p, REQUEST_PARAMETERS, this::requestParameters);
            case "responseElements" -> nested(p, RESPONSE_ELEMENTS, this::responseElements);
            case "additionalEventData" -> nested(p, ADDITIONAL_EVENT_DATA, null);
            case "resources" -> nested(p, RESOURCES, null);
            case "serviceEventDetails" -> nested(p, SERVICE_EVENT_DETAILS, null);
            case "tlsDetails" -> nested(p, TLS_DETAILS, null);
            default -> otherField(p, name);
        }
    }

    /** Picks fields out of a nested object while the parser walks it. */
    @FunctionalInterface
    private interface FieldPicker {
        /** Returns true when it consumed the value (including any children). */
        boolean pick(JsonParser p, String name) throws IOException;
    }

    private void nested(JsonParser p, EventColumn column, FieldPicker picker) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
            block.setText(column, scalarJson(p));
            return;
        }
        long from = p.currentTokenLocation().getByteOffset();
        if (picker != null && t == JsonToken.START_OBJECT) {
            walk(p, picker);
        } else {
            p.skipChildren();
        }
        rawSlice(column, from, p.currentLocation().getByteOffset());
    }

    /**
     * Jackson validates UTF-8 in every string it passes, skipped or not (overlong forms and
     * surrogates included), so a slice it walked is well-formed and DuckDB will take it.
     */
    private void rawSlice(EventColumn column, long from, long to) {
        if (!window.overflowed()) {
            block.setText(column, window.slice(from, to));
        }
    }

    /** Walks the object the parser is on (START_OBJECT) to its END_OBJECT. */
    private static void walk(JsonParser p, FieldPicker picker) throws IOException {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            if (!picker.pick(p, name)) {
                p.skipChildren();
            }
        }
    }

    private boolean userIdentity(JsonParser p, String name) throws IOException {
        switch (name) {
            case "type" -> text(p, IDENTITY_TYPE);
            case "principalId" -> text(p, PRINCIPAL_ID);
            case "arn" -> text(p, PRINCIPAL_ARN);
            case "accountId" -> text(p, ACCOUNT_ID);
            case "userName" -> text(p, USER_NAME);
            case "accessKeyId" -> text(p, ACCESS_KEY_ID);
            case "invokedBy" -> text(p, INVOKED_BY);
            case "sessionContext" -> objectOnly(p, this::sessionContext);
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean sessionContext(JsonParser p, String name) throws IOException {
        switch (name) {
            case "attributes" -> objectOnly(p, (q, n) -> switch (n) {
                case "mfaAuthenticated" -> { bool(q, MFA_AUTHENTICATED); yield true; }
                case "creationDate" -> { time(q, SESSION_CREATED_AT); yield true; }
                default -> false;
            });
            case "sessionIssuer" -> objectOnly(p, (q, n) -> switch (n) {
                case "type" -> { text(q, SESSION_ISSUER_TYPE); yield true; }
                case "arn" -> { text(q, SESSION_ISSUER_ARN); yield true; }
                default -> false;
            });
            case "sourceIdentity" -> text(p, SOURCE_IDENTITY);
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean requestParameters(JsonParser p, String name) throws IOException {
        switch (name) {
            case "userName" -> text(p, TARGET_USER_NAME);
            case "roleArn" -> text(p, ROLE_ARN);
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean responseElements(JsonParser p, String name) throws IOException {
        switch (name) {
            // STS calls return credentials, iam:CreateAccessKey returns accessKey.
            case "credentials", "accessKey" -> objectOnly(p, (q, n) -> {
                if (n.equals("accessKeyId")) {
                    text(q, ISSUED_ACCESS_KEY_ID);
                    return true;
                }
                return false;
            });
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void objectOnly(JsonParser p, FieldPicker picker) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            walk(p, picker);
        } else {
            p.skipChildren();
        }
    }

    private void text(JsonParser p, EventColumn column) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            // Jackson has not decoded the string yet; it validates it when it skips past it.
            byte[] raw = window.plainString(p.currentTokenLocation().getByteOffset());
            block.setText(column, raw != null ? raw : p.getText().getBytes(StandardCharsets.UTF_8));
        } else if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
            block.setText(column, p.getText().getBytes(StandardCharsets.UTF_8));
        } else {
            p.skipChildren();
        }
    }

    private void time(JsonParser p, EventColumn column) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            OptionalLong micros = EventTimes.parseMicros(p.getText());
            if (micros.isPresent()) {
                block.setTime(column, micros.getAsLong());
            }
        } else {
            p.skipChildren();
        }
    }

    /** CloudTrail writes these as JSON booleans or as the strings "true"/"false". */
    private void bool(JsonParser p, EventColumn column) throws IOException {
        switch (p.currentToken()) {
            case VALUE_TRUE -> block.setBool(column, true);
            case VALUE_FALSE -> block.setBool(column, false);
            case VALUE_STRING -> {
                String s = p.getText();
                if (s.equalsIgnoreCase("true")) {
                    block.setBool(column, true);
                } else if (s.equalsIgnoreCase("false")) {
                    block.setBool(column, false);
                }
            }
            default -> p.skipChildren();
        }
    }

    private byte[] scalarJson(JsonParser p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.copyCurrentEvent(p);
        }
        return out.toByteArray();
    }

    /** Fields with no column of their own are kept together, re-serialised, in OTHER_FIELDS. */
    private void otherField(JsonParser p, String name) throws IOException {
        if (name.equals("@timestamp") && p.currentToken() == JsonToken.VALUE_STRING) {
            atTimestamp = p.getText();
        }
        if (other == null) {
            otherBytes = new ByteArrayOutputStream(256);
            other = factory.createGenerator(otherBytes);
            other.writeStartObject();
        }
        other.writeFieldName(name);
        other.copyCurrentStructure(p);
    }
}
