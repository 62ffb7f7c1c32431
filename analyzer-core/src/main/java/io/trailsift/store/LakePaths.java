package io.trailsift.store;

import java.nio.file.Path;

/**
 * The folders of a Parquet lake that DuckDB reads (the lake's own code says how they are written).
 *
 * @param root      the lake; DuckDB may read nothing outside it
 * @param events    hive-partitioned event files: {@code account_id=A/event_date=D/*.parquet}
 * @param objects   the manifest files
 * @param conflicts files of disputed eventIDs
 * @param derived   the lookup tables kept beside the events
 */
public record LakePaths(Path root, Path events, Path objects, Path conflicts, Path derived) {
}
