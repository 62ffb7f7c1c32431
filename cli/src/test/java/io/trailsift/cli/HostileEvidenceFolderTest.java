package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.trailsift.cli.Evidence.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Security review #12, #13, #18-#20, #25 and #26: what the evidence folder holds besides log
 * objects (links, pipes, unreadable folders, other codecs, bombs, odd names) is reported, never
 * followed out of the folder, never waited on, and costs bounded memory and disk.
 */
class HostileEvidenceFolderTest {
    @TempDir
    Path tmp;

    private static String records(String... ids) {
        return String.join(",", Stream.of(ids).map(id -> Evidence.call("ListUsers", KEY, id).toString()).toList());
    }

    private static byte[] wrapper(String... ids) {
        return ("{\"Records\":[" + records(ids) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode ingest(Path... inputs) throws IOException {
        return ingest(List.of(), inputs);
    }

    private JsonNode ingest(List<String> options, Path... inputs) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("ingest", "--json", "--db", tmp.resolve("case.duckdb").toString()));
        args.addAll(options);
        Stream.of(inputs).forEach(p -> args.add(p.toString()));
        return CliRun.of(args.toArray(String[]::new)).json();
    }

    private static List<String> paths(JsonNode list) {
        List<String> out = new java.util.ArrayList<>();
        list.forEach(n -> out.add(n.get("path").asText()));
        return out;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", command));
    }

    @Test
    @DisplayName("review #12: a link out of the evidence folder is not followed and names its target; a symlinked root is read")
    void linksStayInsideTheFolder() throws Exception {
        Path other = Evidence.logObject(tmp.resolve("other-case/b.json.gz"), records("other-case-event"));
        Path evidence = Files.createDirectories(tmp.resolve("case"));
        Evidence.logObject(evidence.resolve("a.json.gz"), records("in-case"));
        Files.createSymbolicLink(evidence.resolve("out.json.gz"), other);
        Files.createSymbolicLink(evidence.resolve("in.json.gz"), evidence.resolve("a.json.gz"));
        Path root = Files.createSymbolicLink(tmp.resolve("case-link"), evidence);
        JsonNode s = ingest(root);
        assertEquals(1, s.get("events_stored").asLong());
        assertEquals(List.of(root.resolve("out.json.gz").toString()), paths(s.get("not_read")));
        assertTrue(s.get("not_read").get(0).get("reason").asText().contains(other.toString()));
        CliRun ids = CliRun.of("sql", "--db", tmp.resolve("case.duckdb").toString(), "SELECT event_id FROM events");
        assertFalse(ids.out().contains("other-case-event"));
    }

    @Test
    @DisplayName("review #18: an unreadable folder or file is reported as damaged, the rest is read, exit 1")
    void unreadableIsReportedAndTheRunGoesOn() throws Exception {
        // Permissions do not stop root: where the tests run as root (CI), this one cannot bite.
        assumeFalse("root".equals(System.getProperty("user.name")), "file permissions do not apply to root");
        Path evidence = Files.createDirectories(tmp.resolve("case"));
        Evidence.logObject(evidence.resolve("a.json.gz"), records("readable"));
        Path locked = Files.createDirectories(evidence.resolve("locked"));
        Evidence.logObject(locked.resolve("b.json.gz"), records("hidden"));
        Path lockedFile = Evidence.logObject(evidence.resolve("c.json.gz"), records("hidden-too"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(lockedFile, PosixFilePermissions.fromString("---------"));
        try {
            CliRun run = CliRun.of("ingest", evidence.toString(), "--db", tmp.resolve("case.duckdb").toString(), "--json");
            assertEquals(Main.DAMAGED_OR_FINDINGS, run.exit());
            JsonNode s = run.json();
            assertEquals(1, s.get("events_stored").asLong());
            assertEquals(List.of(locked.toString(), lockedFile.toString()), paths(s.get("damaged_objects")).stream().sorted().toList());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    @DisplayName("review #19: bzip2, xz and gzip-inside-gzip objects are read")
    void otherCodecsAreRead() throws Exception {
        Path evidence = Files.createDirectories(tmp.resolve("case"));
        try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(evidence.resolve("a.json.bz2")))) {
            out.write(wrapper("bzip2"));
        }
        try (OutputStream out = new XZCompressorOutputStream(Files.newOutputStream(evidence.resolve("b.json.xz")))) {
            out.write(wrapper("xz"));
        }
        try (OutputStream out = new GZIPOutputStream(new GZIPOutputStream(Files.newOutputStream(evidence.resolve("c.json.gz.gz"))))) {
            out.write(wrapper("gzip-in-gzip"));
        }
        JsonNode s = ingest(evidence);
        assertEquals(3, s.get("events_stored").asLong(), s.toString());
        assertEquals(0, s.get("not_read").size());
        assertEquals(0, s.get("damaged_objects").size());
    }

    @Test
    @DisplayName("review #20: a named pipe, inside a folder or given on the command line, is listed and never opened")
    void pipesAreNeverOpened() throws Exception {
        Path evidence = Files.createDirectories(tmp.resolve("case"));
        Evidence.logObject(evidence.resolve("a.json.gz"), records("beside-the-pipe"));
        Path pipe = evidence.resolve("pipe.json");
        try {
            run("mkfifo", pipe.toString());
        } catch (IOException noMkfifo) {
            assumeTrue(false, "mkfifo is not available here");
        }
        JsonNode s = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ingest(evidence));
        assertEquals(1, s.get("events_stored").asLong());
        assertEquals(List.of(pipe.toString()), paths(s.get("not_read")));
        JsonNode alone = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ingest(pipe));
        assertEquals(List.of(pipe.toString()), paths(alone.get("not_read")));
    }

    @Test
    @DisplayName("review #26: a file name that is not UTF-8 is read; its name is printed without raw bytes")
    void invalidUtf8NamesAreRead() throws Exception {
        Path evidence = Files.createDirectories(tmp.resolve("case"));
        Path good = Evidence.logObject(evidence.resolve("plain.tmp"), records("odd-name"));
        // Java cannot spell such a name; the shell can.
        run("sh", "-c", "mv \"$1\" \"$2/b_bad$(printf '\\377\\376').json.gz\"", "sh", good.toString(), evidence.toString());
        CliRun run = CliRun.of("ingest", evidence.toString(), "--db", tmp.resolve("case.duckdb").toString());
        assertEquals(Main.OK, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("events stored    1 "), run.out());
    }

    @Test
    @DisplayName("review #13: archive entries waiting on disk share one cap; what passes it is named; no temporary file is left")
    void zipBombIsBounded() throws Exception {
        Path tmpdir = Path.of(System.getProperty("java.io.tmpdir"));
        long deadPid = 4_194_000;
        while (ProcessHandle.of(deadPid).isPresent()) {
            deadPid--;
        }
        Path abandoned = Files.createDirectories(tmpdir.resolve("trailsift-run-" + deadPid + "-42"));
        Files.writeString(abandoned.resolve("entry-1.bin"), "left by a killed run");
        Path bomb = tmp.resolve("bomb.zip");
        byte[] spaces = new byte[1 << 20];
        java.util.Arrays.fill(spaces, (byte) ' ');
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            for (int i = 0; i < 3; i++) {
                zip.putNextEntry(new ZipEntry("big-" + i + ".json"));
                zip.write(("{\"Records\":[" + records("big-" + i)).getBytes(StandardCharsets.UTF_8));
                for (int mb = 0; mb < 40; mb++) {
                    zip.write(spaces);
                }
                zip.write("]}".getBytes(StandardCharsets.UTF_8));
            }
            zip.putNextEntry(new ZipEntry("small.json"));
            zip.write(wrapper("small"));
        }
        JsonNode s = ingest(List.of("--max-temp-bytes", String.valueOf(10 << 20)), bomb);
        assertEquals(1, s.get("events_stored").asLong(), s.toString());
        List<String> refused = paths(s.get("damaged_objects"));
        assertEquals(List.of(bomb + "!big-0.json", bomb + "!big-1.json", bomb + "!big-2.json"), refused);
        assertTrue(s.get("damaged_objects").get(0).get("reason").asText().contains("--max-temp-bytes"));
        assertFalse(Files.exists(abandoned), "the folder of a killed run is removed by the next run");
        try (Stream<Path> left = Files.list(tmpdir)) {
            String mine = "trailsift-run-" + ProcessHandle.current().pid() + "-";
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(mine)).toList());
        }
    }

    @Test
    @DisplayName("review #25: an object past --max-object-bytes is reported with the cap; its records before it are kept")
    void gzipBombIsCapped() throws Exception {
        Path bomb = tmp.resolve("bomb.json.gz");
        byte[] spaces = new byte[1 << 20];
        java.util.Arrays.fill(spaces, (byte) ' ');
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            out.write(("{\"Records\":[" + records("before-the-bomb") + ",").getBytes(StandardCharsets.UTF_8));
            for (int mb = 0; mb < 64; mb++) {
                out.write(spaces);
            }
            out.write(("" + records("after-the-bomb") + "]}").getBytes(StandardCharsets.UTF_8));
        }
        JsonNode s = ingest(List.of("--max-object-bytes", String.valueOf(8 << 20)), bomb);
        JsonNode damaged = s.get("damaged_objects");
        assertEquals(1, damaged.size(), s.toString());
        assertTrue(damaged.get(0).get("reason").asText().contains(String.valueOf(8 << 20)), damaged.toString());
        assertEquals(1, damaged.get(0).get("records_recovered").asLong());
        assertEquals(1, s.get("events_stored").asLong());
    }
}
