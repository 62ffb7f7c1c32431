package io.trailsift.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailsift.detect.Finding;
import io.trailsift.event.EventTimes;
import io.trailsift.json.JsonFields;
import io.trailsift.pivot.TimelineRow;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Timelines and findings as Timesketch's JSONL importer reads them: one object a line with the
 * three fields it requires ({@code message}, {@code datetime} in ISO 8601, {@code timestamp_desc}),
 * {@code timestamp} in microseconds, the event's fields as attributes, and {@code tag} a list
 * (events: the credential lineage path; findings: rule and severity). No attribute starts with an
 * underscore: the importer drops OpenSearch's own fields. Values stay as the logs gave them,
 * JSON-escaped: Timesketch shows them as text.
 */
public final class Timesketch {
    private static final JsonFactory JSON = new JsonFactory();
    /** CloudTrail's eventTime: when AWS received the call. */
    private static final String EVENT_TIME = "Event time";

    private Timesketch() {
    }

    /** Timeline rows; when they follow a key's lineage, each is tagged with its credential's path from the key. */
    public static void timeline(List<TimelineRow> rows, Writer out) {
        Map<String, String> parents = new HashMap<>();
        rows.forEach(r -> r.accessKeyId().ifPresent(k -> r.viaKey().ifPresent(p -> parents.put(k, p))));
        write(out, g -> {
            for (TimelineRow r : rows) {
                if (r.eventTime().isEmpty()) {
                    // a record without a time has no place on a timeline, and the importer would stop at it
                    continue;
                }
                g.writeStartObject();
                head(g, message(r), r.eventTime().get(), EVENT_TIME);
                List<Object> values = r.values();
                for (int i = 1; i < TimelineRow.COLUMNS.size(); i++) {
                    if (values.get(i) != null) {
                        g.writeFieldName(TimelineRow.COLUMNS.get(i));
                        JsonFields.value(g, values.get(i));
                    }
                }
                g.writeStringField("data_type", "aws:cloudtrail:event");
                List<String> tags = new ArrayList<>(List.of("trailsift"));
                if (r.depth().isPresent()) {
                    tags.add("lineage:" + path(r.accessKeyId().orElse(""), parents));
                }
                JsonFields.strings(g, "tag", tags);
                g.writeEndObject();
                g.writeRaw('\n');
            }
        });
    }

    /** Findings at their first event, tagged with their rule and severity. */
    public static void findings(List<Finding> findings, Writer out) {
        write(out, g -> {
            for (Finding f : findings) {
                g.writeStartObject();
                head(g, "[" + f.severity().label() + "] " + f.rule() + ": " + f.summary(), f.firstSeen(),
                        "First event of the finding");
                g.writeStringField("rule", f.rule());
                g.writeStringField("title", f.title());
                g.writeStringField("severity", f.severity().label());
                JsonFields.strings(g, "attack", f.attack());
                g.writeStringField("last_seen", EventTimes.format(f.lastSeen()));
                JsonFields.optionalString(g, "account_id", f.accountId());
                JsonFields.optionalString(g, "principal_arn", f.principalArn());
                JsonFields.optionalString(g, "access_key_id", f.accessKeyId());
                JsonFields.strings(g, "source_ips", f.sourceIps());
                JsonFields.strings(g, "event_ids", f.eventIds());
                JsonFields.optionalString(g, "stage", f.tactic().map(Enum::name));
                g.writeStringField("data_type", "trailsift:finding");
                List<String> tags = new ArrayList<>(List.of("trailsift", "rule:" + f.rule(), "severity:" + f.severity().label()));
                f.attack().forEach(a -> tags.add("attack:" + a));
                JsonFields.strings(g, "tag", tags);
                g.writeEndObject();
                g.writeRaw('\n');
            }
        });
    }

    private static void head(JsonGenerator g, String message, Instant time, String what) throws IOException {
        g.writeStringField("message", message);
        g.writeStringField("datetime", EventTimes.format(time));
        g.writeNumberField("timestamp", time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000);
        g.writeStringField("timestamp_desc", what);
    }

    /** "iam:CreateUser by arn:... (AKIA...) from 198.51.100.50, failed: AccessDenied". */
    private static String message(TimelineRow r) {
        String api = r.eventSource().map(s -> s.replace(".amazonaws.com", "") + ":").orElse("") + r.eventName().orElse("?");
        return api + " by " + r.principalArn().orElse("?") + r.accessKeyId().map(k -> " (" + k + ")").orElse("")
                + r.sourceIp().map(ip -> " from " + ip).orElse("") + r.errorCode().map(e -> ", failed: " + e).orElse("");
    }

    /** ROOT>CHILD>...>KEY; the parents map has no cycle (a lineage is a tree) but is walked at most its size. */
    private static String path(String key, Map<String, String> parents) {
        List<String> chain = new ArrayList<>(List.of(key));
        String k = key;
        while (parents.containsKey(k) && chain.size() <= parents.size()) {
            k = parents.get(k);
            chain.add(0, k);
        }
        return String.join(">", chain);
    }

    private interface Lines {
        void write(JsonGenerator g) throws IOException;
    }

    private static void write(Writer out, Lines lines) {
        PrintWriter w = out instanceof PrintWriter p ? p : new PrintWriter(out);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setRootValueSeparator(null);
            lines.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        w.flush();
    }
}
