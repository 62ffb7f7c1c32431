package io.trailsift.format;

import io.trailsift.event.RowBlock;

import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Reads the decompressed content of one object into row blocks: one implementation per input
 * format ({@code cloudtrail/} today; Security Lake OCSF or the lake's Parquet would be siblings).
 * A reader never throws on damaged input: it stops (or skips the record, when it can go on),
 * reports what and where in the {@link ParseOutcome}, and has delivered every complete record
 * before the damage.
 */
public interface EventReader {
    /**
     * Reads everything from {@code in} (the caller closes it); full blocks go to {@code sink},
     * each row tagged with {@code objectId}.
     */
    ParseOutcome read(InputStream in, long objectId, Consumer<RowBlock> sink);
}
