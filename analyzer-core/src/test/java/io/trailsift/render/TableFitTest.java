package io.trailsift.render;

import io.trailsift.store.RowSet;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableFitTest {
    private static final String ARN = "arn:aws:sts::123456789012:assumed-role/DeployAutomationRole/backup-check";

    @Test
    void longValuesAreCutInTheMiddleKeepingTheirEnd() {
        assertEquals("arn:aws:sts…ationRole/backup-check", TableFit.cutMiddle(ARN, 34));
        assertEquals(34, TableFit.width(TableFit.cutMiddle(ARN, 34)));
        assertEquals("short", TableFit.cutMiddle("short", 34));
    }

    @Test
    void wideCharactersCountTwiceSoAHostileNameCannotPassTheEdge() {
        String name = "管理者".repeat(30);
        assertEquals(180, TableFit.width(name));
        String cut = TableFit.cutMiddle(name, 21);
        assertTrue(TableFit.width(cut) <= 21, cut);
        assertEquals(3, TableFit.width("a😀"));
    }

    @Test
    void lowValueColumnsGoFirstThenWideOnesNarrow() {
        RowSet rows = new RowSet(List.of("event_time", "event_id", "principal_arn", "read_only", "event_name"),
                List.of(Arrays.asList("2026-05-21T12:11:58Z", "0c2a4e1f-93b1-4c51-9a0e-7d7f1f0c1a11", ARN, true, "AssumeRole"),
                        Arrays.asList("2026-05-21T12:12:58Z", "1c2a4e1f-93b1-4c51-9a0e-7d7f1f0c1a11", ARN, false, "GetCallerIdentity")));
        StringWriter out = new StringWriter();
        TableWriter.write(rows, TableFormat.TABLE, new Screen(80, false), out);
        List<String> lines = out.toString().lines().toList();
        assertEquals("event_time            principal_arn" + " ".repeat(28) + "event_name", lines.get(0).stripTrailing());
        assertEquals("2026-05-21T12:11:58Z  arn:aws:sts:…utomationRole/backup-check  AssumeRole", lines.get(2).stripTrailing());
        assertEquals("(--wide shows all columns; hidden to fit 80: event_id, read_only)", lines.get(5));
        lines.forEach(l -> assertTrue(l.length() <= 80, l));
    }

    @Test
    void aSingleRowTooWideForTheScreenIsShownOneColumnALine() {
        RowSet row = new RowSet(List.of("events", "first_event", "last_event", "damaged_objects", "path"),
                List.of(Arrays.asList(9852L, "2026-05-20T00:01:21Z", "2026-05-22T23:36:38Z", 1L, "x".repeat(200))));
        StringWriter out = new StringWriter();
        TableWriter.write(row, TableFormat.TABLE, new Screen(60, false), out);
        List<String> lines = out.toString().lines().toList();
        assertEquals("events           9852", lines.get(0));
        assertEquals("damaged_objects  1", lines.get(3));
        assertEquals(60, lines.get(4).length());
    }
}
