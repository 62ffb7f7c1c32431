package io.trailsift.spark;

import io.trailsift.event.EventColumn;
import io.trailsift.event.EventFilter;
import io.trailsift.event.RowBlock;
import io.trailsift.ingest.ObjectReading;
import io.trailsift.lake.FingerprintKey;
import io.trailsift.lake.Fingerprints;
import io.trailsift.lake.JudgedPartWriter;
import io.trailsift.source.ReadLimits;
import io.trailsift.source.SourceObject;
import io.trailsift.source.SourceProblem;
import io.trailsift.spark.HadoopInputs.ListedFile;
import io.trailsift.store.ObjectRecord;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The job's second pass, in a task: the objects the job chose to read (one copy of each distinct
 * object the lake does not hold, numbered in the CLI's order) are parsed again and written through
 * trailsift's lake writer with the verdicts the job worked out for their rows, into a lake folder
 * on the task's disk; each commit is then moved into the lake ({@link HadoopLake#publish}). Files
 * are taken in listing order, so a retried task makes the same commits under the same names.
 */
final class LakeWriteTask {
    /** An object to read: its place in its file, its id in the lake, its bytes' hash. */
    record Planned(int entry, long objectId, String sha) implements Serializable {
    }

    /** A file's share of the plan. */
    record FilePlan(ListedFile file, List<Planned> objects, List<CopyJudge.Verdict> verdicts) implements Serializable {
    }

    /** A copy written with its id listed as disputed, for the summary. */
    record Disputed(String eventId, String path) implements Serializable {
    }

    /** What a task wrote. */
    record Written(long rows, List<Disputed> disputed) implements Serializable {
    }

    private LakeWriteTask() {
    }

    static Written write(List<FilePlan> plans, HadoopLake lake, String writerName, EventFilter scope, FingerprintKey key,
                         Configuration conf)
            throws IOException, InterruptedException {
        List<FilePlan> ordered = plans.stream().sorted(Comparator.comparingInt(p -> p.file().index())).toList();
        Map<Integer, Map<Integer, Planned>> objects = new HashMap<>();
        Map<Long, Map<Integer, Boolean>> verdicts = new HashMap<>();
        for (FilePlan p : ordered) {
            Map<Integer, Planned> byEntry = objects.computeIfAbsent(p.file().index(), k -> new HashMap<>());
            p.objects().forEach(o -> byEntry.put(o.entry(), o));
            p.verdicts().forEach(v -> verdicts.computeIfAbsent(v.position(), k -> new HashMap<>()).put(v.row(), v.dropped()));
        }
        Path staged = Files.createTempDirectory("trailsift-spark-commit-");
        try {
            ObjectReading reading = new ObjectReading(scope, ReadLimits.DEFAULTS.maxObjectBytes());
            JudgedPartWriter writer = new JudgedPartWriter(staged, writerName, Long.MAX_VALUE, key);
            long[] rows = {0};
            List<Disputed> disputed = new ArrayList<>();
            IOException[] failure = {null};
            TaskFiles.walk(ordered.stream().map(FilePlan::file).toList(), conf, new TaskFiles.Visitor() {
                @Override
                public void object(ListedFile file, int entry, SourceObject object) throws InterruptedException {
                    Planned planned = objects.get(file.index()).get(entry);
                    if (planned == null) {
                        return; // a copy, or bytes the lake holds
                    }
                    Map<Integer, Boolean> judged = verdicts.getOrDefault(ObjectSurvey.SeenObject.position(file.index(), entry), Map.of());
                    int[] row = {0};
                    Fingerprints.Verdict[] out = new Fingerprints.Verdict[RowBlock.CAPACITY];
                    try {
                        if (!object.sha256().equals(planned.sha())) {
                            throw new IOException(object.path() + " changed while the job ran: run it again");
                        }
                        ObjectRecord record = reading.read(object, planned.objectId(), planned.sha(), block -> {
                            for (int r = 0; r < block.size(); r++, row[0]++) {
                                Boolean dropped = judged.get(row[0]);
                                out[r] = dropped == null ? Fingerprints.Verdict.NEW
                                        : dropped ? Fingerprints.Verdict.SAME : Fingerprints.Verdict.DISPUTED;
                                if (out[r] != Fingerprints.Verdict.SAME) {
                                    rows[0]++;
                                }
                                if (out[r] == Fingerprints.Verdict.DISPUTED) {
                                    disputed.add(new Disputed(new String(block.textColumn(EventColumn.EVENT_ID)[r],
                                            StandardCharsets.UTF_8), object.path()));
                                }
                            }
                            try {
                                writer.put(block, out);
                            } catch (IOException e) {
                                failure[0] = e;
                                throw new UncheckedIOException(e);
                            }
                        });
                        if (failure[0] != null) {
                            throw failure[0]; // the reader reported it as the object's damage: it is the lake's
                        }
                        if (writer.objectDone(record)) {
                            lake.publish(staged, conf);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("writing the lake " + lake.root() + ": " + e.getMessage(), e);
                    }
                }

                @Override
                public void problem(ListedFile file, SourceProblem problem) {
                    // reported from pass 1
                }
            });
            if (writer.commit()) {
                lake.publish(staged, conf);
            }
            return new Written(rows[0], disputed);
        } finally {
            try (Stream<Path> s = Files.walk(staged)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
