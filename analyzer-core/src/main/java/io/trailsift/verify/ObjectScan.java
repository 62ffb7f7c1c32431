package io.trailsift.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trailsift.source.InputWalker;
import io.trailsift.source.OpenedObject;
import io.trailsift.source.SourceObject;
import io.trailsift.source.SourceProblem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Walks the inputs with the ingest walker (folders, gzip by magic bytes, zip/tar archives) and
 * hashes every object's uncompressed bytes as a stream on a small thread pool: reading is the
 * whole cost of verifying, and digests name the SHA-256 of the uncompressed log file.
 */
final class ObjectScan {
    /** Suffix of a file holding a digest's saved S3 metadata (see {@link #sidecarSignature}). */
    static final String SIDECAR_SUFFIX = ".metadata.json";
    private static final int HEAD = 4096;
    /** One read buffer per hashing thread: most log objects are small, and zeroing a fresh 64 KiB each time shows. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
    private static final int MAX_DIGEST_BYTES = 64 << 20;
    private static final int MAX_SIDECAR_BYTES = 1 << 20;
    private static final Pattern DIGEST_HEAD = Pattern.compile(
            "^\\s*\\{\\s*\"(awsAccountId|digestStartTime|digestEndTime|digestS3Bucket|digestS3Object|logFiles)\"");
    private static final Pattern RECORDS_HEAD = Pattern.compile("^\\s*\\{\\s*\"Records\"");
    private static final Pattern CLOUDTRAIL_FOLDER = Pattern.compile("(?:^|[/\\\\!])CloudTrail[/\\\\]");

    private final long maxObjectBytes;
    private final int threads;

    ObjectScan(long maxObjectBytes, int threads) {
        this.maxObjectBytes = maxObjectBytes;
        this.threads = Math.max(1, threads);
    }

    ScanResult scan(List<Path> inputs) throws IOException, InterruptedException {
        List<Path> files = InputWalker.files(inputs);
        ExecutorService hashers = Executors.newFixedThreadPool(threads, daemon("trailsift-verify-hash"));
        ExecutorService walkers = Executors.newFixedThreadPool(threads, daemon("trailsift-verify-walk"));
        Collector c = new Collector(hashers);
        try {
            // The walker opens every file once to see whether it is an archive: for small
            // objects that is half the work, so several walkers share the files.
            List<Callable<Void>> slices = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                List<Path> slice = new ArrayList<>();
                for (int j = i; j < files.size(); j += threads) {
                    slice.add(files.get(j));
                }
                slices.add(() -> {
                    new InputWalker(maxObjectBytes, object -> true).walk(slice, c);
                    return null;
                });
            }
            for (Future<Void> f : walkers.invokeAll(slices)) {
                join(f);
            }
            c.awaitHashing();
        } finally {
            walkers.shutdownNow();
            hashers.shutdownNow();
        }
        return new ScanResult(sorted(c.digests, Comparator.comparing(ScanResult.Digest::path)),
                sorted(c.damaged, Comparator.comparing(ScanResult.DamagedDigest::path)),
                sorted(c.objects, Comparator.comparing(ScanResult.LocalObject::path)), Map.copyOf(c.sidecars),
                sorted(c.problems, Comparator.naturalOrder()));
    }

    private static void join(Future<Void> f) throws InterruptedException, IOException {
        try {
            f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException ie) {
                throw ie;
            }
            throw new IOException("walking the inputs failed: " + e.getCause(), e.getCause());
        }
    }

    /** Receives objects from the walkers, hashes them on the pool, and collects the results. */
    private final class Collector implements InputWalker.Visitor {
        private final Queue<ScanResult.Digest> digests = new ConcurrentLinkedQueue<>();
        private final Queue<ScanResult.DamagedDigest> damaged = new ConcurrentLinkedQueue<>();
        private final Queue<ScanResult.LocalObject> objects = new ConcurrentLinkedQueue<>();
        private final Map<String, String> sidecars = new ConcurrentHashMap<>();
        private final Queue<String> problems = new ConcurrentLinkedQueue<>();
        private final int permits = threads * 2; // bounds archive entries held in memory while they wait
        private final Semaphore inFlight = new Semaphore(permits);
        private final ExecutorService hashers;

        Collector(ExecutorService hashers) {
            this.hashers = hashers;
        }

        @Override
        public void object(SourceObject object) throws InterruptedException {
            inFlight.acquire();
            hashers.execute(() -> {
                try {
                    classify(object, this);
                } catch (RuntimeException e) {
                    // A bug must not turn a present object into a "missing" one: report it as unreadable.
                    objects.add(new ScanResult.LocalObject(object.path(), Optional.empty(),
                            Optional.of("internal error: " + e), CLOUDTRAIL_FOLDER.matcher(object.path()).find()));
                } finally {
                    object.release();
                    inFlight.release();
                }
            });
        }

        @Override
        public void problem(SourceProblem problem) {
            // Also an object: a truncated log listed in a digest is modified, not missing.
            String path = problem.path();
            if (path.contains("CloudTrail-Digest")) {
                damaged.add(new ScanResult.DamagedDigest(path, problem.reason()));
            } else {
                objects.add(new ScanResult.LocalObject(path, Optional.empty(), Optional.of(problem.reason()),
                        CLOUDTRAIL_FOLDER.matcher(path).find()));
            }
            problems.add(path + ": " + problem.reason());
        }

        void awaitHashing() throws InterruptedException {
            inFlight.acquire(permits);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static <T> List<T> sorted(Queue<T> q, Comparator<T> order) {
        List<T> list = new ArrayList<>(q);
        list.sort(order);
        return List.copyOf(list);
    }

    private void classify(SourceObject object, Collector c) {
        String path = object.path();
        if (path.endsWith(SIDECAR_SUFFIX)) {
            String digestPath = path.substring(0, path.length() - SIDECAR_SUFFIX.length());
            sidecarSignature(object).ifPresent(sig -> c.sidecars.put(digestPath, sig));
            return;
        }
        boolean pathSaysLog = CLOUDTRAIL_FOLDER.matcher(path).find() && !object.insightPath();
        try (OpenedObject opened = object.open(maxObjectBytes)) {
            InputStream in = opened.content();
            byte[] head = in.readNBytes(HEAD);
            String headText = new String(head, StandardCharsets.UTF_8);
            // Non-JSON files in a digest folder (notes, .DS_Store) are not digests; a digest replaced
            // by garbage still shows, as a link missing from the chain.
            if (DIGEST_HEAD.matcher(headText).find() || (object.digestPath() && opened.isJson())) {
                digest(path, head, in, c.digests, c.damaged);
                return;
            }
            MessageDigest md = sha256();
            md.update(head);
            byte[] buf = BUFFERS.get();
            int r;
            while ((r = in.read(buf)) != -1) {
                md.update(buf, 0, r);
            }
            boolean recordsHead = RECORDS_HEAD.matcher(headText).find() && !object.insightPath();
            c.objects.add(new ScanResult.LocalObject(path, Optional.of(HexFormat.of().formatHex(md.digest())),
                    Optional.empty(), pathSaysLog || recordsHead));
        } catch (IOException e) {
            if (object.digestPath()) {
                c.damaged.add(new ScanResult.DamagedDigest(path, cannotRead(e)));
            } else {
                c.objects.add(new ScanResult.LocalObject(path, Optional.empty(),
                        Optional.of(cannotRead(e)), pathSaysLog));
            }
        }
    }

    /** EOFException from a truncated gzip has no message: name the exception then. */
    private static String cannotRead(IOException e) {
        return "cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static void digest(String path, byte[] head, InputStream rest, Queue<ScanResult.Digest> digests,
                               Queue<ScanResult.DamagedDigest> damaged) throws IOException {
        byte[] tail = rest.readNBytes(MAX_DIGEST_BYTES);
        if (rest.read() >= 0) {
            damaged.add(new ScanResult.DamagedDigest(path, "larger than " + MAX_DIGEST_BYTES + " bytes: not a digest"));
            return;
        }
        byte[] content = new byte[head.length + tail.length];
        System.arraycopy(head, 0, content, 0, head.length);
        System.arraycopy(tail, 0, content, head.length, tail.length);
        try {
            DigestFile file = DigestFile.parse(content);
            digests.add(new ScanResult.Digest(path, file, HexFormat.of().formatHex(sha256().digest(content))));
        } catch (IOException e) {
            damaged.add(new ScanResult.DamagedDigest(path, "not a readable digest: " + e.getMessage()));
        }
    }

    /**
     * A digest's signature saved from its S3 metadata (AWS: {@code x-amz-meta-signature}; the CLI's
     * {@code aws s3api head-object} prints it as {@code "Metadata": {"signature": …}}). Accepted:
     * that whole head-object output, or just {@code {"signature": "…", "signature-algorithm": "…"}}.
     */
    static Optional<String> sidecarSignature(SourceObject object) {
        try (OpenedObject opened = object.open(MAX_SIDECAR_BYTES);
             JsonParser p = new JsonFactory().createParser(opened.content())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            return findSignature(p);
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

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
