package io.trailsift.spark;

import io.trailsift.event.EventFilter;
import io.trailsift.ingest.ObjectReading;
import io.trailsift.ingest.PathFilter;
import io.trailsift.lake.FingerprintKey;
import io.trailsift.lake.Fingerprints;
import io.trailsift.source.ReadLimits;
import io.trailsift.source.SourceObject;
import io.trailsift.source.SourceProblem;
import io.trailsift.spark.HadoopInputs.ListedFile;
import io.trailsift.store.ObjectRecord;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The job's first pass, in a task: every object of the task's files is hashed; one whose bytes
 * the lake already holds is not parsed, nor is a second copy of bytes the task met before; the
 * others are parsed by trailsift's readers and leave only their manifest row and, per row, the
 * (id hash, content hash) pair the lake's dedupe compares. No event leaves the task.
 */
final class ObjectSurvey {
    /** What pass 1 saw: an object, or an input that yields none. */
    sealed interface Seen extends Serializable permits SeenObject, SeenProblem {
    }

    /** What became of an object in pass 1. */
    enum Role {
        /** its bytes are in the lake's manifest: not read */
        KNOWN,
        /** its bytes came earlier in the same task: not read (the job decides which copy is read) */
        COPY,
        /** parsed */
        READ,
        /** its S3 path lies outside the run's --since/--until/--account/--region: not opened, as the CLI skips it */
        OUTSIDE
    }

    /**
     * One object. For a READ object: its manifest row's fields and, in {@code pairs}, the id and
     * content hash of each row in order (an id hash of 0: no eventID, never compared).
     */
    record SeenObject(int file, int entry, String path, long sizeBytes, String sha, Role role, String kind,
                      long records, String status, String error, long rows, long[] pairs) implements Seen {
        /** The object's place in the order the CLI reads objects in. */
        long position() {
            return position(file, entry);
        }

        static long position(int file, int entry) {
            return ((long) file << 32) | entry;
        }

        /** The same without its pairs: what the job's bookkeeping moves around. */
        SeenObject withoutPairs() {
            return new SeenObject(file, entry, path, sizeBytes, sha, role, kind, records, status, error, rows, null);
        }

        ObjectRecord record(long id, String filter) {
            return new ObjectRecord(id, path, sizeBytes, sha, kind, records, ObjectRecord.Status.valueOf(status),
                    Optional.ofNullable(error), filter);
        }
    }

    /** An input the walker could not hand over, or hashing failed. */
    record SeenProblem(String path, String reason, boolean unreadable) implements Seen {
        SourceProblem problem() {
            return new SourceProblem(path, reason, unreadable);
        }
    }

    /** A manifest row the lake holds, as the summary needs it. */
    record Known(String status, String error, long records) implements Serializable {
    }

    private ObjectSurvey() {
    }

    static List<Seen> survey(List<ListedFile> files, Map<String, Known> known, EventFilter scope, FingerprintKey key,
                             Configuration conf)
            throws InterruptedException {
        ObjectReading reading = new ObjectReading(scope, ReadLimits.DEFAULTS.maxObjectBytes());
        PathFilter paths = PathFilter.covering(scope);
        List<Seen> out = new ArrayList<>();
        Set<String> read = new HashSet<>();
        TaskFiles.walk(files, conf, new TaskFiles.Visitor() {
            @Override
            public void object(ListedFile file, int entry, SourceObject object) throws InterruptedException {
                if (!paths.admits(object.location())) {
                    out.add(new SeenObject(file.index(), entry, object.path(), object.sizeBytes(), null, Role.OUTSIDE,
                            null, 0, null, null, 0, null));
                    return;
                }
                String sha;
                try {
                    sha = object.sha256();
                } catch (IOException e) {
                    out.add(new SeenProblem(object.path(), SourceProblem.cannotRead(e), true));
                    return;
                }
                if (known.containsKey(sha) || !read.add(sha)) {
                    Role role = known.containsKey(sha) ? Role.KNOWN : Role.COPY;
                    out.add(new SeenObject(file.index(), entry, object.path(), object.sizeBytes(), sha, role,
                            null, 0, null, null, 0, null));
                    return;
                }
                long[][] pairs = {new long[256]};
                int[] n = {0};
                ObjectRecord r = reading.read(object, 0, sha, block -> {
                    for (int row = 0; row < block.size(); row++) {
                        if (n[0] + 2 > pairs[0].length) {
                            pairs[0] = Arrays.copyOf(pairs[0], pairs[0].length * 2);
                        }
                        pairs[0][n[0]++] = Fingerprints.idHash(block, row);
                        pairs[0][n[0]++] = key.contentHash(block, row);
                    }
                });
                out.add(new SeenObject(file.index(), entry, object.path(), object.sizeBytes(), sha, Role.READ, r.kind(),
                        r.records(), r.status().name(), r.error().orElse(null), n[0] / 2, Arrays.copyOf(pairs[0], n[0])));
            }

            @Override
            public void problem(ListedFile file, SourceProblem problem) {
                out.add(new SeenProblem(problem.path(), problem.reason(), problem.unreadable()));
            }
        });
        return out;
    }
}
