package io.trailsift.ingest;

import io.trailsift.source.ReadLimits;
import io.trailsift.testing.Stores;
import io.trailsift.testkit.Records;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchiveIngestTest {
    @TempDir
    Path tmp;
    private Path tree;
    /** Every event column but object_id, which differs by design between runs. */
    private static final String CONTENT = "SELECT * EXCLUDE (object_id) FROM events ORDER BY event_id";

    @BeforeEach
    void buildTree() throws IOException {
        tree = tmp.resolve("export");
        String dir = "AWSLogs/o-abc123/123456789012/CloudTrail/%s/2026/05/21/";
        Records.write(tree.resolve(dir.formatted("us-east-1") + "a.json.gz"), Records.gzip(Records.wrapper(Records.events("a", 300))));
        Records.write(tree.resolve(dir.formatted("eu-west-1") + "b.json.gz"), Records.gzip(Records.wrapper(Records.events("b", 200))));
        Records.write(tree.resolve(dir.formatted("eu-west-1") + "c.json"), Records.wrapper(Records.events("c", 10)));
    }

    private Map<String, byte[]> treeEntries() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                entries.put(tree.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes); TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private List<String> rows(Path db) throws Exception {
        return Stores.column(db, "SELECT CAST(t AS VARCHAR) FROM (" + CONTENT + ") t");
    }

    @Test
    void aTreeAZipAndATarGzGiveIdenticalStores() throws Exception {
        Path zip = Files.write(tmp.resolve("export.zip"), zip(treeEntries()));
        Path tgz = Files.write(tmp.resolve("export.tgz"), tarGz(treeEntries()));
        Path fromTree = tmp.resolve("tree.duckdb");
        Path fromZip = tmp.resolve("zip.duckdb");
        Path fromTgz = tmp.resolve("tgz.duckdb");
        assertEquals(510, Stores.ingest(fromTree, tree).eventsStored());
        assertEquals(510, Stores.ingest(fromZip, zip).eventsStored());
        assertEquals(510, Stores.ingest(fromTgz, tgz).eventsStored());
        List<String> expected = rows(fromTree);
        assertEquals(510, expected.size());
        assertEquals(expected, rows(fromZip));
        assertEquals(expected, rows(fromTgz));
        assertTrue(Stores.column(fromZip, "SELECT path FROM objects ORDER BY path").get(0)
                .endsWith("export.zip!AWSLogs/o-abc123/123456789012/CloudTrail/eu-west-1/2026/05/21/b.json.gz"));
    }

    @Test
    void nestedArchivesAreFollowedOneLevel() throws Exception {
        byte[] inner = zip(treeEntries());
        byte[] innermost = zip(Map.of("deep.zip", zip(Map.of("d.json", Records.wrapper(Records.events("d", 3)).getBytes()))));
        Path outer = Files.write(tmp.resolve("outer.tar.gz"), tarGz(Map.of("inner.zip", inner, "level2.zip", innermost)));
        Path db = tmp.resolve("t.duckdb");
        IngestSummary s = Stores.ingest(db, outer);
        assertEquals(510, s.eventsStored());
        assertEquals(1, s.damagedObjects().size());
        assertTrue(s.damagedObjects().get(0).path().endsWith("outer.tar.gz!level2.zip!deep.zip"));
        assertTrue(s.damagedObjects().get(0).reason().contains("nested"));
    }

    @Test
    void entriesThatEscapeTheirFolderAreRefused() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("../../etc/cron.d/evil.json", Records.wrapper(Records.events("evil", 2)).getBytes());
        entries.put("/abs/evil2.json", Records.wrapper(Records.events("evil2", 2)).getBytes());
        entries.put("logs/../ok.json", Records.wrapper(Records.events("ok", 2)).getBytes());
        Path zip = Files.write(tmp.resolve("slip.zip"), zip(entries));
        Path db = tmp.resolve("t.duckdb");
        IngestSummary s = Stores.ingest(db, zip);
        assertEquals(List.of("ok-0", "ok-1"), Stores.column(db, "SELECT event_id FROM events ORDER BY 1"));
        assertEquals(2, s.damagedObjects().size());
        assertTrue(s.damagedObjects().stream().allMatch(d -> d.reason().contains("escapes")));
    }

    /** 64 MiB of spaces before the records: compresses to about 64 KiB. */
    private static byte[] bomb(String ids) throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bomb)) {
            byte[] spaces = " ".repeat(1 << 20).getBytes();
            for (int i = 0; i < 64; i++) {
                gz.write(spaces);
            }
            gz.write(Records.wrapper(Records.events(ids, 2)).getBytes());
        }
        return bomb.toByteArray();
    }

    @Test
    void aDecompressionBombIsCappedAndReported() throws Exception {
        byte[] bomb = bomb("bomb");
        Path in = tmp.resolve("in");
        Records.write(in.resolve("bomb.json.gz"), bomb);
        Files.write(in.resolve("bombs.zip"), zip(Map.of("inner.json.gz", bomb("inner"),
                "plain.json", " ".repeat(20 << 20).getBytes())));
        Records.write(in.resolve("fine.json.gz"), Records.gzip(Records.wrapper(Records.events("fine", 2))));
        Path db = tmp.resolve("t.duckdb");
        IngestSummary s = Stores.ingest(db, o -> o.withLimits(ReadLimits.DEFAULTS.withMaxObjectBytes(16 << 20)), in);
        assertTrue(bomb.length < 200_000, "the bomb is small: " + bomb.length);
        assertEquals(List.of("fine-0", "fine-1"), Stores.column(db, "SELECT event_id FROM events ORDER BY 1"));
        assertEquals(3, s.damagedObjects().size(), s.damagedObjects().toString());
        assertTrue(s.damagedObjects().stream().allMatch(d -> d.reason().contains("cap of 16777216")), s.damagedObjects().toString());
    }
}
