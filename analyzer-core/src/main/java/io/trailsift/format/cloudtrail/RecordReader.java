package io.trailsift.format.cloudtrail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.trailsift.event.EventColumn;
import io.trailsift.event.EventFilter;
import io.trailsift.event.EventTimes;
import io.trailsift.event.RowBlock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.function.Supplier;

import static io.trailsift.event.EventColumn.*;

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
    private final EventFilter filter;
    private RowBlock block;
    private boolean sawEventKey;
    private OtherFields other;
    private String atTimestamp;

    RecordReader(JsonFactory factory, RawWindow window, EventFilter filter) {
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
        other = new OtherFields();
        for (JsonToken t = p.currentToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            RecordFields.Field f = RecordFields.RECORD.get(name);
            if (f == null) {
                otherField(p, name);
            } else {
                sawEventKey |= f.eventKey();
                value(p, f);
            }
        }
        long end = p.currentLocation().getByteOffset();
        if (window.overflowed()) {
            block.clearRow();
            return Result.TOO_LARGE;
        }
        return complete(block, filter, sawEventKey, atTimestamp, other, () -> window.slice(start, end));
    }

    /**
     * Completes the row both readers have filled: the fallbacks for a missing eventTime and
     * eventID, the fields without a column, then the filter.
     */
    static Result complete(RowBlock block, EventFilter filter, boolean sawEventKey, String atTimestamp,
                           OtherFields other, Supplier<byte[]> recordBytes) {
        if (!sawEventKey) {
            block.clearRow();
            return Result.NOT_A_RECORD;
        }
        if (block.pendingTime(EVENT_TIME) == RowBlock.NULL_TIME && atTimestamp != null) {
            // Logstash exports drop eventTime and keep it as @timestamp.
            EventTimes.parseMicros(atTimestamp).ifPresent(m -> block.setTime(EVENT_TIME, m));
        }
        if (block.pendingText(EVENT_ID) == null) {
            // eventVersion 1.0 records have no eventID: a hash of the record's bytes is stable
            // across overlapping copies, so duplicates still collapse.
            block.setText(EVENT_ID, syntheticId(recordBytes.get()));
        }
        other.finish().ifPresent(json -> block.setText(OTHER_FIELDS, json));
        if (!filter.isAll() && !kept(block, filter)) {
            block.clearRow();
            return Result.FILTERED;
        }
        block.commitRow();
        return Result.STORED;
    }

    /** Decodes account and region only for a filter that needs them: this runs for every record. */
    private static boolean kept(RowBlock block, EventFilter filter) {
        byte[] recipient = block.pendingText(RECIPIENT_ACCOUNT_ID);
        String account = string(recipient != null ? recipient : block.pendingText(ACCOUNT_ID));
        return filter.keeps(block.pendingTime(EVENT_TIME), account, string(block.pendingText(AWS_REGION)));
    }

    private static String string(byte[] utf8) {
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }

    private static byte[] syntheticId(byte[] raw) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(raw);
            return ("sha256:" + HexFormat.of().formatHex(sha, 0, 16)).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private void value(JsonParser p, RecordFields.Field f) throws IOException {
        switch (f.kind()) {
            case TEXT -> text(p, f.column());
            case TIME -> time(p, f.column());
            case BOOL -> bool(p, f.column());
            case RAW -> nested(p, f);
            case OBJECT -> {
                if (p.currentToken() == JsonToken.START_OBJECT) {
                    walk(p, f.inside());
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private void nested(JsonParser p, RecordFields.Field f) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
            block.setText(f.column(), scalarJson(p));
            return;
        }
        long from = p.currentTokenLocation().getByteOffset();
        if (f.inside() != null && t == JsonToken.START_OBJECT) {
            walk(p, f.inside());
        } else {
            p.skipChildren();
        }
        rawSlice(f.column(), from, p.currentLocation().getByteOffset());
    }

    /**
     * Jackson validates UTF-8 in every string it passes, skipped or not (overlong forms and
     * surrogates included), so a slice it walked is well-formed; a lone surrogate escape, which
     * JSON allows and DuckDB does not, is kept as text.
     */
    private void rawSlice(EventColumn column, long from, long to) {
        if (!window.overflowed()) {
            block.setText(column, LoneSurrogates.inJson(window.slice(from, to)));
        }
    }

    /** Walks the object the parser is on (START_OBJECT) to its END_OBJECT, picking {@code fields}. */
    private void walk(JsonParser p, RecordFields.Table fields) throws IOException {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            RecordFields.Field f = fields.get(p.currentName());
            p.nextToken();
            if (f == null) {
                p.skipChildren();
            } else {
                value(p, f);
            }
        }
    }

    private void text(JsonParser p, EventColumn column) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            // Jackson has not decoded the string yet; it validates it when it skips past it.
            byte[] raw = window.plainString(p.currentTokenLocation().getByteOffset());
            block.setText(column, raw != null ? raw : LoneSurrogates.inText(p.getText()).getBytes(StandardCharsets.UTF_8));
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
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                g.writeString(LoneSurrogates.inText(p.getText()));
            } else {
                g.copyCurrentEvent(p);
            }
        }
        return out.toByteArray();
    }

    /** Fields with no column of their own are kept together, as their original bytes, in OTHER_FIELDS. */
    private void otherField(JsonParser p, String name) throws IOException {
        if (name.equals(RecordFields.LOGSTASH_TIME) && p.currentToken() == JsonToken.VALUE_STRING) {
            atTimestamp = p.getText();
        }
        long from = p.currentTokenLocation().getByteOffset();
        if (p.currentToken().isStructStart()) {
            p.skipChildren();
        } else {
            // a scalar's end is known only once Jackson has read all of it
            p.finishToken();
        }
        if (!window.overflowed()) {
            byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(LoneSurrogates.inText(name));
            other.add(quoted, 0, quoted.length, LoneSurrogates.inJson(window.slice(from, p.currentLocation().getByteOffset())));
        }
    }
}
