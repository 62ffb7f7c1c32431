package io.trailsift.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailsift.report.RowFormat;
import io.trailsift.report.RowSet;
import io.trailsift.report.RowWriter;
import io.trailsift.store.EventStore;
import io.trailsift.store.StoreStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "stats", description = "Counts by account, region, day and service; time range; damaged objects.")
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() throws Exception {
        Map<String, RowSet> sections;
        try (EventStore es = EventStore.openReadOnly(store.db)) {
            sections = StoreStats.of(es);
        }
        PrintWriter out = spec.commandLine().getOut();
        RowFormat f = format.resolve();
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
        return Main.OK;
    }
}
