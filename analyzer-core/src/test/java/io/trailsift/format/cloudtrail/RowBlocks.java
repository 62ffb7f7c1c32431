package io.trailsift.format.cloudtrail;

import io.trailsift.event.EventColumn;
import io.trailsift.event.RowBlock;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a reader delivered, read back for assertions. */
final class RowBlocks {
    private RowBlocks() {
    }

    /** The eventIDs of every row, in delivery order. */
    static List<String> ids(List<RowBlock> blocks) {
        List<String> out = new ArrayList<>();
        for (RowBlock b : blocks) {
            for (int i = 0; i < b.size(); i++) {
                out.add(new String(b.textColumn(EventColumn.EVENT_ID)[i], StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
