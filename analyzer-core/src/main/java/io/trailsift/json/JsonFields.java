package io.trailsift.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trailsift.event.EventTimes;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Field writers the JSON contracts share (findings, lineage, verify summary, ingest summary,
 * timeline rows): absent values are written as null, never left out, and times as UTC ISO-8601
 * with a Z.
 */
public final class JsonFields {
    private JsonFields() {
    }

    public static void optionalString(JsonGenerator g, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(field, value.get());
        } else {
            g.writeNullField(field);
        }
    }

    public static void optionalTime(JsonGenerator g, String field, Optional<Instant> value) throws IOException {
        optionalString(g, field, value.map(EventTimes::format));
    }

    public static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** One object of named fields, values typed as they are (numbers, booleans, null, times, lists, text). */
    public static void object(JsonGenerator g, List<String> fields, List<Object> values) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < fields.size(); i++) {
            g.writeFieldName(fields.get(i));
            value(g, values.get(i));
        }
        g.writeEndObject();
    }

    public static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (v instanceof Instant t) {
            g.writeString(EventTimes.format(t));
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                value(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }
}
