package io.trailsift.render;

import io.trailsift.detect.Rule;
import io.trailsift.store.RowSet;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** The loaded rules as rows. */
public final class RuleTables {
    private RuleTables() {
    }

    public static void write(List<Rule> rules, TableFormat format, Writer out) {
        List<List<Object>> rows = new ArrayList<>();
        for (Rule r : rules) {
            rows.add(List.of(r.id(), r.severity().label(), r.attack(), r.title(), r.source()));
        }
        TableWriter.write(new RowSet(List.of("id", "severity", "attack", "title", "source"), rows), format, out);
    }
}
