package io.trailsift.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailsift.json.JsonFields;
import io.trailsift.verify.VerifyReport.ChainBreak;
import io.trailsift.verify.VerifyReport.DeliveryGap;
import io.trailsift.verify.VerifyReport.ObjectResult;
import io.trailsift.verify.VerifyReport.ObjectState;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/**
 * The verify summary other tools parse ({@code verify --format json}); keep it exact:
 * <pre>
 * {"log_objects":{"verified":N,"modified":[OBJECT…],"missing":[OBJECT…],"unverified":N},
 *  "digests":{"count":N,"chain_breaks":[BREAK…]},
 *  "signatures":"verified|failed|not-checked",
 *  "gaps":[{"account_id","region","from","until","near_events":["StopLogging …"]}],
 *  "disputed_events":[{"event_id","object","state"}]}
 * </pre>
 * OBJECT = {@code {"key","path","account_id","region","oldest_event_time","newest_event_time",
 * "digest","expected_sha256","actual_sha256","detail"}} (path and actual_sha256 null when missing);
 * BREAK = {@code {"kind":"missing-digest|hash-mismatch|restarted|relocated|unreadable","account_id","region",
 * "digest","from","until","detail"}}. {@code disputed_events}: one element per copy of each eventID
 * whose copies differ, with the verify state of the object holding it (null when it was not among
 * the inputs); empty without a store. Absent values are JSON null; times are UTC ISO-8601 with Z.
 */
public final class VerifyJson {
    private static final JsonFactory JSON = new JsonFactory();

    private VerifyJson() {
    }

    public static String toJson(VerifyReport r, List<DisputedCopy> disputed) {
        StringWriter w = new StringWriter();
        try {
            write(r, disputed, w);
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return w.toString();
    }

    public static void write(VerifyReport r, List<DisputedCopy> disputed, Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeObjectFieldStart("log_objects");
            g.writeNumberField("verified", r.count(ObjectState.VERIFIED));
            objects(g, "modified", r, ObjectState.MODIFIED);
            objects(g, "missing", r, ObjectState.MISSING);
            g.writeNumberField("unverified", r.count(ObjectState.UNVERIFIED));
            g.writeEndObject();
            g.writeObjectFieldStart("digests");
            g.writeNumberField("count", r.digests().size());
            g.writeArrayFieldStart("chain_breaks");
            for (ChainBreak b : r.chainBreaks()) {
                g.writeStartObject();
                g.writeStringField("kind", b.kind().text());
                JsonFields.optionalString(g, "account_id", b.accountId());
                JsonFields.optionalString(g, "region", b.region());
                g.writeStringField("digest", b.digest());
                JsonFields.optionalTime(g, "from", b.from());
                JsonFields.optionalTime(g, "until", b.until());
                g.writeStringField("detail", b.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeStringField("signatures", r.signatures().text());
            g.writeArrayFieldStart("gaps");
            for (DeliveryGap gap : r.gaps()) {
                g.writeStartObject();
                g.writeStringField("account_id", gap.accountId());
                g.writeStringField("region", gap.region());
                JsonFields.optionalTime(g, "from", Optional.of(gap.from()));
                JsonFields.optionalTime(g, "until", Optional.of(gap.until()));
                JsonFields.strings(g, "near_events", gap.nearEvents());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("disputed_events");
            for (DisputedCopy d : disputed) {
                g.writeStartObject();
                g.writeStringField("event_id", d.eventId());
                g.writeStringField("object", d.object());
                JsonFields.optionalString(g, "state", d.state().map(ObjectState::text));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void objects(JsonGenerator g, String field, VerifyReport r, ObjectState state) throws IOException {
        g.writeArrayFieldStart(field);
        for (ObjectResult o : r.withState(state)) {
            g.writeStartObject();
            g.writeStringField("key", o.key());
            JsonFields.optionalString(g, "path", o.path());
            JsonFields.optionalString(g, "account_id", o.accountId());
            JsonFields.optionalString(g, "region", o.region());
            JsonFields.optionalTime(g, "oldest_event_time", o.oldestEventTime());
            JsonFields.optionalTime(g, "newest_event_time", o.newestEventTime());
            JsonFields.optionalString(g, "digest", o.digest());
            JsonFields.optionalString(g, "expected_sha256", o.expectedSha256());
            JsonFields.optionalString(g, "actual_sha256", o.actualSha256());
            g.writeStringField("detail", o.detail());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
