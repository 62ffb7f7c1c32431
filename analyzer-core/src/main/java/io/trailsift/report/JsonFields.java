package io.trailsift.report;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Field writers the JSON outputs share: absent values are written as null, never left out. */
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

    /** UTC ISO-8601 with a Z, or null. */
    public static void optionalTime(JsonGenerator g, String field, Optional<Instant> value) throws IOException {
        optionalString(g, field, value.map(Instant::toString));
    }

    public static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
