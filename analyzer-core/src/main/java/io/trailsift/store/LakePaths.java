package io.trailsift.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The folders of a Parquet lake that DuckDB reads (the lake's own code says how they are written).
 *
 * @param root       the lake; DuckDB may read nothing outside it
 * @param events     hive-partitioned event files: {@code account_id=A/event_date=D/*.parquet}
 * @param objects    the manifest files
 * @param conflicts  files of disputed eventIDs
 * @param callCounts each commit's calls counted per key and principal, from which the lookup tables are taken
 * @param derived    the lookup tables kept beside the events
 */
public record LakePaths(Path root, Path events, Path objects, Path conflicts, Path callCounts, Path derived) {
    /** The file in {@code derived} that names the lake state its tables were taken at ({@link #generation}). */
    public static final String GENERATION_FILE = "generation";

    /**
     * The lake's state: a digest of the names of its committed manifest files, sorted, which
     * changes with every commit. Public so that an engine reading the lake through another file
     * system (Spark on {@code s3a://}) can tell whether the derived tables are current.
     */
    public static String generation(List<String> manifestNames) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String name : manifestNames.stream().sorted().toList()) {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
