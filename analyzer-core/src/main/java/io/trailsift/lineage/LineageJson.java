package io.trailsift.lineage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailsift.json.JsonFields;

import java.io.IOException;
import java.io.Writer;

/**
 * The lineage shape other tools parse ({@code key --format json}); keep it exact:
 * {@code {"root":…,"nodes":[{"access_key_id","kind","principal_arn","account_ids","parent","via",
 * "via_event_id","via_disputed","first_seen","last_seen","events","source_ips","user_agents"}]}}. {@code parent}
 * is the parent inside this tree (null for the root); {@code via}/{@code via_event_id} say how the
 * key was obtained whenever that call is logged, the root included. A key that never made a
 * logged call has null {@code first_seen}/{@code last_seen} and 0 events.
 */
public final class LineageJson {
    private static final JsonFactory JSON = new JsonFactory();

    private LineageJson() {
    }

    public static void write(Lineage lineage, Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("root", lineage.root());
            g.writeArrayFieldStart("nodes");
            for (LineageNode n : lineage.nodes()) {
                node(g, n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void node(JsonGenerator g, LineageNode n) throws IOException {
        CredentialActivity a = n.activity();
        g.writeStartObject();
        g.writeStringField("access_key_id", n.accessKeyId());
        g.writeStringField("kind", n.kind().label());
        JsonFields.optionalString(g, "principal_arn", n.principalArn());
        JsonFields.strings(g, "account_ids", a.accountIds());
        JsonFields.optionalString(g, "parent", n.parent());
        JsonFields.optionalString(g, "via", n.origin().map(Origin::via));
        JsonFields.optionalString(g, "via_event_id", n.origin().map(Origin::viaEventId));
        g.writeBooleanField("via_disputed", n.origin().map(Origin::disputed).orElse(false));
        JsonFields.optionalTime(g, "first_seen", a.firstSeen());
        JsonFields.optionalTime(g, "last_seen", a.lastSeen());
        g.writeNumberField("events", a.events());
        JsonFields.strings(g, "source_ips", a.sourceIps());
        JsonFields.strings(g, "user_agents", a.userAgents());
        g.writeEndObject();
    }
}
