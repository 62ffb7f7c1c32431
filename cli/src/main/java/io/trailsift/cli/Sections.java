package io.trailsift.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailsift.report.RowFormat;
import io.trailsift.report.RowSet;
import io.trailsift.report.RowWriter;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Prints named sections of rows (stats, principal): one JSON object keyed by section, or one titled block each. */
final class Sections {
    private Sections() {
    }

    static void write(Map<String, RowSet> sections, RowFormat f, PrintWriter out) throws IOException {
        if (f == RowFormat.JSON || f == RowFormat.JSONL) {
            // One JSON object, a key per section, so a program gets everything in one parse.
            try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
                g.writeStartObject();
                for (Map.Entry<String, RowSet> e : sections.entrySet()) {
                    g.writeArrayFieldStart(e.getKey());
                    for (List<Object> row : e.getValue().rows()) {
                        g.writeRawValue(RowWriter.jsonObject(e.getValue().columns(), row));
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            out.println();
        } else {
            for (Map.Entry<String, RowSet> e : sections.entrySet()) {
                out.println(f == RowFormat.MD ? "## " + e.getKey() : "== " + e.getKey());
                RowWriter.write(e.getValue(), f, out);
                out.println();
            }
        }
        out.flush();
    }
}
