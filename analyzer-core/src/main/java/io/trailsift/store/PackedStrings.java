package io.trailsift.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Several text columns of a row read as one value: DuckDB packs them into a JSON array
 * ({@code ["a",null,"c"]}), and {@link #unpack} reads them back.
 *
 * <p>Why: the DuckDB JDBC driver turns every VARCHAR value of a fetched chunk into a Java String
 * through calls back into the JVM, per value, whether it is read or not; for long results with
 * many text columns (a lineage's timeline) that cost more than DuckDB's own query, and one packed
 * value per row cost about half as much (benchmarks/RESULTS.md).
 */
public final class PackedStrings {
    /**
     * Without Jackson's default cap on string length (20 million chars): the values were stored by
     * ingest, which bounds every record (32 MB), and a planted record holding one long value must
     * stay readable by every command rather than break the query it appears in.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private PackedStrings() {
    }

    /**
     * The select expression packing these VARCHAR expressions, in order. They must be fixed text
     * from the caller's code, never input.
     */
    public static String pack(List<String> expressions) {
        return "to_json([" + expressions.stream().map(e -> "(" + e + ")::VARCHAR")
                .collect(Collectors.joining(", ")) + "])::VARCHAR";
    }

    /** Appends the values of a packed array to {@code row}: Strings, or null for SQL NULL. */
    static void unpack(String packed, List<Object> row) {
        try (JsonParser p = JSON.createParser(packed)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException("not a packed row: " + packed);
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                row.add(t == JsonToken.VALUE_NULL ? null : p.getText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("DuckDB returned a packed row that is not JSON", e);
        }
    }
}
