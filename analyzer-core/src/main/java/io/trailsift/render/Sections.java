package io.trailsift.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailsift.json.JsonFields;
import io.trailsift.store.RowSet;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Named sections of rows ({@code stats}, {@code principal}, {@code verify}): for programs one JSON
 * object keyed by section, for people one titled table each.
 */
public final class Sections {
    private static final JsonFactory JSON = new JsonFactory();

    private Sections() {
    }

    public static void write(Map<String, RowSet> sections, TableFormat format, Screen screen, Writer out) {
        PrintWriter w = out instanceof PrintWriter p ? p : new PrintWriter(out);
        if (format.isJson()) {
            // One JSON object, a key per section, so a program gets everything in one parse.
            try (JsonGenerator g = JSON.createGenerator(w)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.writeStartObject();
                for (Map.Entry<String, RowSet> e : sections.entrySet()) {
                    g.writeArrayFieldStart(e.getKey());
                    for (List<Object> row : e.getValue().rows()) {
                        JsonFields.object(g, e.getValue().columns(), row);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            w.println();
        } else {
            for (Map.Entry<String, RowSet> e : sections.entrySet()) {
                w.println(format == TableFormat.MD ? "## " + e.getKey() : title(e.getKey(), screen));
                TableWriter.write(e.getValue(), format, screen, w);
                w.println();
            }
        }
        w.flush();
    }

    /** "== name", its words wrapped to the screen: a long section name is read whole, not cut. */
    private static String title(String name, Screen screen) {
        StringBuilder sb = new StringBuilder("==");
        int line = sb.length();
        for (String word : name.split(" ")) {
            if (line + 1 + word.length() > screen.columns() && line > 3) {
                sb.append("\n  ");
                line = 2;
            } else {
                sb.append(' ');
                line++;
            }
            sb.append(word);
            line += word.length();
        }
        return sb.toString();
    }
}
