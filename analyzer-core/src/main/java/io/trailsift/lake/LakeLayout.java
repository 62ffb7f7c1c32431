package io.trailsift.lake;

import io.trailsift.store.LakePaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where everything of a lake lives under its folder (the README's lake contract):
 * <pre>
 * events/account_id=A/event_date=YYYY-MM-DD/part-W-S.parquet   the events, hive-partitioned
 * objects/part-W-S.parquet                                      the manifest; its rows commit the parts
 * conflicts/part-W-S.parquet                                    eventIDs whose copies differ
 * fingerprints/W-S.bin                                          for writers: what the parts hold, to dedupe
 * call_counts/part-W-S.parquet                                  the commit's calls counted, for the lookup tables
 * derived/...                                                   lookup tables for the query commands
 * </pre>
 * A file being written has a name starting with a dot and ending in {@code .tmp}: every Parquet
 * reader (DuckDB's globs, Spark, Hive, Trino) passes over such names.
 */
public final class LakeLayout {
    /** Hive's name for a NULL partition value; DuckDB and Spark read it back as NULL. */
    public static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";
    static final String TEMPORARY = ".tmp";
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /**
     * Longest partition value kept whole. No account id comes near it (they are 12 digits), but a
     * forged log may hold anything, and a folder name cannot exceed 255 bytes: a longer value is
     * cut, and the cut marked with a hash of the whole value so that two long values stay apart.
     */
    private static final int LONGEST_VALUE = 120;

    private final Path root;

    public LakeLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path events() {
        return root.resolve("events");
    }

    public Path objects() {
        return root.resolve("objects");
    }

    public Path conflicts() {
        return root.resolve("conflicts");
    }

    Path fingerprints() {
        return root.resolve("fingerprints");
    }

    /** Where one ingest spills the dedupe's older fingerprints; only that ingest, holding the lock, uses it. */
    Path dedupeSpill() {
        return root.resolve(".dedupe");
    }

    /** Each commit's rows counted per key, principal and the other values the lookup tables are taken from (see {@link CallCounts}). */
    public Path callCounts() {
        return root.resolve("call_counts");
    }

    /** Tables derived from the events for the query commands, with the state of the lake they were taken at. */
    public Path derived() {
        return root.resolve("derived");
    }

    /** The folders DuckDB reads. */
    public LakePaths paths() {
        return new LakePaths(root, events(), objects(), conflicts(), callCounts(), derived());
    }

    /** Committed files a killed run left under their temporary names: a reader misses them until the next ingest. */
    public List<String> unfinished() {
        return LakeManifest.unfinished(this);
    }

    /** Whether {@code root} holds a lake (its manifest folder). */
    public boolean exists() {
        return Files.isDirectory(objects());
    }

    /** A partition folder, relative to {@link #events()}. */
    static String partition(byte[] accountId, long eventTimeMicros, boolean timeIsNull) {
        String date = timeIsNull ? NULL_PARTITION : LocalDate.ofEpochDay(Math.floorDiv(eventTimeMicros, MICROS_PER_DAY)).toString();
        return "account_id=" + partitionValue(accountId) + "/event_date=" + date;
    }

    /**
     * A value as a folder name, escaped as Hive escapes it (and DuckDB and Spark unescape it):
     * every byte outside letters, digits, {@code .}, {@code _} and {@code -} becomes {@code %XX}, so
     * a value from a log ({@code ../x}, {@code a/b}) can never name another folder. A value spelled
     * like Hive's NULL marker gets its first character escaped so that it reads back as itself.
     */
    static String partitionValue(byte[] utf8) {
        if (utf8 == null) {
            return NULL_PARTITION;
        }
        StringBuilder b = new StringBuilder(utf8.length + 8);
        for (byte x : utf8) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        String s = b.toString();
        if (s.length() > LONGEST_VALUE) {
            int cut = LONGEST_VALUE - 20;
            while (s.charAt(cut - 1) == '%' || s.charAt(cut - 2) == '%') {
                cut--; // never inside an escape
            }
            return s.substring(0, cut) + "~" + Long.toHexString(Fingerprints.hash(utf8, 0, utf8.length, 0));
        }
        if (s.equals(NULL_PARTITION)) {
            return "%5F" + s.substring(1);
        }
        return s;
    }

    /** The name under which a file is written before it is committed. */
    static Path temporary(Path file) {
        return file.resolveSibling(temporaryName(file.getFileName().toString()));
    }

    /** The committed name of a temporary file. */
    static Path committed(Path temporary) {
        return temporary.resolveSibling(committedName(temporary.getFileName().toString()));
    }

    static boolean isTemporary(Path file) {
        return isTemporaryName(file.getFileName().toString());
    }

    /** {@link #temporary} for a file name alone, for lakes on other file systems (HDFS, S3 through Hadoop). */
    public static String temporaryName(String name) {
        return "." + name + TEMPORARY;
    }

    /** {@link #committed} for a file name alone. */
    public static String committedName(String temporaryName) {
        return temporaryName.substring(1, temporaryName.length() - TEMPORARY.length());
    }

    /** {@link #isTemporary} for a file name alone. */
    public static boolean isTemporaryName(String name) {
        return name.startsWith(".") && name.endsWith(TEMPORARY);
    }

    /**
     * The name of the {@code n}th file (from 1) commit {@code commit} writes into one partition:
     * {@code part-W-S.parquet}, then {@code part-W-S-2.parquet} and on when the writer had to close
     * the partition's file before the commit (writer names hold no {@code -}).
     */
    static String eventFileName(String commit, int n) {
        return "part-" + commit + (n == 1 ? "" : "-" + n) + ".parquet";
    }

    /**
     * The commit a file belongs to, from its committed name: every file of commit {@code W-S} is named
     * {@code part-W-S.parquet} or {@code part-W-S-N.parquet} (events, manifest, conflicts, call counts) or
     * {@code W-S.bin} (fingerprints).
     */
    public static String commitOf(String name) {
        return name.replaceFirst("^part-", "").replaceFirst("\\.(parquet|bin)$", "").replaceFirst("^([^-]+-[^-]+)-\\d+$", "$1");
    }

    /** The lake's folders that commits write to, relative to its root, the manifest's first. */
    public static List<String> commitFolders() {
        return List.of("objects", "events", "conflicts", "fingerprints", "call_counts");
    }

    /** {@link #commitFolders()} in this lake. */
    List<Path> commitDirs() {
        return commitFolders().stream().map(root::resolve).toList();
    }

    /** Every file under {@code dir} (none when it does not exist). */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
