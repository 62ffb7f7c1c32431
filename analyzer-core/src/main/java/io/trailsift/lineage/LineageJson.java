package io.trailsift.lineage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The architecture's Lineage shape, field for field:
 * {@code {"root":…,"nodes":[{"access_key_id","kind","principal_arn","account_ids","parent","via",
 * "via_event_id","first_seen","last_seen","events","source_ips","user_agents"}]}}. {@code parent}
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
        optional(g, "principal_arn", n.principalArn());
        strings(g, "account_ids", a.accountIds());
        optional(g, "parent", n.parent());
        optional(g, "via", n.origin().map(Origin::via));
        optional(g, "via_event_id", n.origin().map(Origin::viaEventId));
        optional(g, "first_seen", a.firstSeen().map(Instant::toString));
        optional(g, "last_seen", a.lastSeen().map(Instant::toString));
        g.writeNumberField("events", a.events());
        strings(g, "source_ips", a.sourceIps());
        strings(g, "user_agents", a.userAgents());
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(field, value.get());
        } else {
            g.writeNullField(field);
        }
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
