package io.trailsift.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trailsift.source.ContentKind;
import io.trailsift.source.InputFiles;
import io.trailsift.source.ObjectKind;
import io.trailsift.source.ObjectPipeline;
import io.trailsift.source.OpenedObject;
import io.trailsift.source.ReadLimits;
import io.trailsift.source.Sha256;
import io.trailsift.source.SourceObject;
import io.trailsift.source.SourceProblem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Reads the inputs as ingest does (folders, gzip by magic bytes, zip/tar archives) and hashes
 * every object's uncompressed bytes as a stream: reading is the whole cost of verifying, and
 * digests name the SHA-256 of the uncompressed log file. Several walkers share the files, since
 * opening each file to see whether it is an archive is half the work for small objects.
 */
final class ObjectScan {
    /** One read buffer per hashing thread: most log objects are small, and zeroing a fresh 64 KiB each time shows. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
    private static final int MAX_DIGEST_BYTES = 64 << 20;
    private static final int MAX_SIDECAR_BYTES = 1 << 20;

    private final ReadLimits limits;
    private final int threads;

    ObjectScan(ReadLimits limits, int threads) {
        this.limits = limits;
        this.threads = Math.max(1, threads);
    }

    ScanResult scan(List<Path> inputs) throws IOException, InterruptedException {
        Collector c = new Collector();
        new ObjectPipeline(threads, threads, limits, object -> true, "trailsift-verify")
                .run(InputFiles.list(inputs), c);
        return new ScanResult(sorted(c.digests, Comparator.comparing(ScanResult.Digest::path)),
                sorted(c.damaged, Comparator.comparing(ScanResult.DamagedDigest::path)),
                sorted(c.objects, Comparator.comparing(ScanResult.LocalObject::path)), Map.copyOf(c.sidecars),
                sorted(c.problems, Comparator.naturalOrder()));
    }

    /** Classifies and hashes each object (on the pipeline's workers) and collects the results. */
    private final class Collector implements ObjectPipeline.Worker {
        private final Queue<ScanResult.Digest> digests = new ConcurrentLinkedQueue<>();
        private final Queue<ScanResult.DamagedDigest> damaged = new ConcurrentLinkedQueue<>();
        private final Queue<ScanResult.LocalObject> objects = new ConcurrentLinkedQueue<>();
        private final Map<String, String> sidecars = new ConcurrentHashMap<>();
        private final Queue<String> problems = new ConcurrentLinkedQueue<>();

        @Override
        public void object(SourceObject object) {
            try {
                classify(object);
            } catch (RuntimeException e) {
                // A bug must not turn a present object into a "missing" one: report it as unreadable.
                objects.add(new ScanResult.LocalObject(object.path(), Optional.empty(),
                        Optional.of("internal error: " + e), pathSaysLog(object.path())));
            }
        }

        @Override
        public void problem(SourceProblem problem) {
            // Also an object: a truncated log listed in a digest is modified, not missing.
            unreadable(problem.path(), problem.reason());
            problems.add(problem.path() + ": " + problem.reason());
        }

        private void classify(SourceObject object) {
            String path = object.path();
            try (OpenedObject opened = object.open(limits.maxObjectBytes())) {
                ObjectKind kind = opened.objectKind();
                InputStream in = opened.stream();
                if (kind == ObjectKind.SIDECAR) {
                    String digestPath = path.substring(0, path.length() - ObjectKind.SIDECAR_SUFFIX.length());
                    sidecarSignature(in).ifPresent(sig -> sidecars.put(digestPath, sig));
                } else if (kind == ObjectKind.DIGEST || brokenDigest(path, kind, opened.contentKind())) {
                    digest(path, in);
                } else {
                    MessageDigest md = Sha256.newDigest();
                    byte[] buf = BUFFERS.get();
                    for (int r = in.read(buf); r != -1; r = in.read(buf)) {
                        md.update(buf, 0, r);
                    }
                    objects.add(new ScanResult.LocalObject(path, Optional.of(Sha256.hex(md)), Optional.empty(),
                            kind == ObjectKind.LOG));
                }
            } catch (IOException e) {
                unreadable(path, SourceProblem.cannotRead(e));
            }
        }

        /** An object that cannot be read to the end is a digest or a log by its path alone. */
        private void unreadable(String path, String reason) {
            if (ObjectKind.inDigestFolder(path)) {
                damaged.add(new ScanResult.DamagedDigest(path, reason));
            } else {
                objects.add(new ScanResult.LocalObject(path, Optional.empty(), Optional.of(reason), pathSaysLog(path)));
            }
        }

        private void digest(String path, InputStream in) throws IOException {
            byte[] content = in.readNBytes(MAX_DIGEST_BYTES);
            if (in.read() >= 0) {
                damaged.add(new ScanResult.DamagedDigest(path, "larger than " + MAX_DIGEST_BYTES + " bytes: not a digest"));
                return;
            }
            try {
                digests.add(new ScanResult.Digest(path, DigestFile.parse(content), Sha256.hex(content)));
            } catch (IOException e) {
                damaged.add(new ScanResult.DamagedDigest(path, "not a readable digest: " + e.getMessage()));
            }
        }
    }

    /**
     * JSON in a digest folder that is no log: a digest rewritten or replaced, which must show as a
     * broken link of the chain. Non-JSON files there (notes, .DS_Store) are not digests.
     */
    private static boolean brokenDigest(String path, ObjectKind kind, ContentKind content) {
        return ObjectKind.inDigestFolder(path) && content == ContentKind.JSON && kind == ObjectKind.OTHER;
    }

    private static boolean pathSaysLog(String path) {
        return ObjectKind.of(path, new byte[0], 0) == ObjectKind.LOG;
    }


    private static <T> List<T> sorted(Queue<T> q, Comparator<T> order) {
        List<T> list = new ArrayList<>(q);
        list.sort(order);
        return List.copyOf(list);
    }

    /**
     * A digest's signature saved from its S3 metadata (AWS: {@code x-amz-meta-signature}; the CLI's
     * {@code aws s3api head-object} prints it as {@code "Metadata": {"signature": …}}). Accepted:
     * that whole head-object output, or just {@code {"signature": "…", "signature-algorithm": "…"}}.
     */
    static Optional<String> sidecarSignature(InputStream in) {
        try {
            byte[] content = in.readNBytes(MAX_SIDECAR_BYTES);
            try (JsonParser p = new JsonFactory().createParser(content)) {
                if (in.read() >= 0 || p.nextToken() != JsonToken.START_OBJECT) {
                    return Optional.empty();
                }
                return findSignature(p);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> findSignature(JsonParser p) throws IOException {
        Optional<String> found = Optional.empty();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT && name.equals("Metadata")) {
                Optional<String> inner = findSignature(p);
                found = found.or(() -> inner);
            } else if (value == JsonToken.VALUE_STRING
                    && (name.equals("signature") || name.equals("x-amz-meta-signature"))) {
                found = Optional.of(p.getText());
            } else {
                p.skipChildren();
            }
        }
        return found;
    }
}
