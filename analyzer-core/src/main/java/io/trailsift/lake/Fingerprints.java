package io.trailsift.lake;

import io.trailsift.event.EventColumn;
import io.trailsift.event.Hash64;
import io.trailsift.event.RowBlock;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The store's dedupe rule without a database: for every eventID in the lake, a 64-bit hash of the
 * id and one of its content (every column but the object, JSON compared without the whitespace
 * between tokens). A copy whose id and content were seen is the same event, dropped; a copy whose
 * id was seen with other content is kept and its id listed as disputed, as the store lists it in
 * {@code event_conflicts}. The pairs of the recent events are kept in memory (a table of at most
 * {@value #TABLE_SLOTS} slots, 128 MB, fewer once the spill's filter needs the room), the older
 * ones in a sorted file beside the lake
 * ({@link SpilledFingerprints}, about a byte an event in memory); every committed pair is also in
 * one file per commit, so a rerun knows what the lake holds without reading it.
 *
 * <p>An id hash that collides with another id's only makes a new event look disputed: it is
 * kept, never dropped. Dropping needs both 64-bit hashes to match.
 */
public final class Fingerprints implements AutoCloseable {
    /** What becomes of one copy: written (NEW), dropped as a copy of a kept one (SAME), written and listed (DISPUTED). */
    public enum Verdict { NEW, SAME, DISPUTED }

    /** Receives the pairs of a fingerprints file (loading them may spill, hence the IOException). */
    public interface Pairs {
        void pair(long idHash, long contentHash) throws IOException;
    }

    /** 2^23 slots, 6.3 million pairs before a spill: a run of a million events never spills, one of 10 million once. */
    static final int TABLE_SLOTS = 1 << 23;
    private static final long EMPTY = FingerprintTable.EMPTY;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final List<EventColumn> CONTENT = EventColumn.all().stream()
            .filter(c -> c != EventColumn.OBJECT_ID).toList();

    private final FingerprintTable recent;
    private final SpilledFingerprints older;
    private final int largestTable;
    /**
     * What the table and the spill's filter may hold together, one and a half times the table's
     * largest size (192 MB): past some 60 million ids the filter takes room from the table, which
     * then spills twice as often, and past some 125 million again, so that the dedupe never holds
     * more than this until the table reaches its least size, a quarter, near 160M ids.
     */
    private final long budgetBytes;
    /**
     * Committed files not yet read: they are read at the first judgement, so that a run with
     * nothing new to write never reads them (on a 100M-event lake, 1.6 GB). Each leaves the list
     * only once wholly read; reading a file again after a failure part way is harmless, since a
     * pair already held is judged the same and changes nothing.
     */
    private List<Path> unread = List.of();
    /**
     * Mixed into every id hash before it is placed: the id hash is the same in every lake, so
     * eventIDs chosen to share its top bits would pile into one run of the table's slots and
     * one block of the filter, and each further copy would probe the whole run. Mixed with a
     * secret drawn for this run, they spread. The mix is a bijection: two ids become one only if
     * one of them mixes to 0, which is taken as 1 like an id hash of 0 (see the class comment).
     */
    private final long runSecret = new SecureRandom().nextLong();
    /** Ids seen with more than one content: every content but the first. */
    private final Map<Long, long[]> disputed = new HashMap<>();

    /** Fingerprints whose older pairs spill into {@code spillFolder} (made when first needed). */
    Fingerprints(Path spillFolder) {
        this(spillFolder, TABLE_SLOTS);
    }

    /** With a table of {@code tableSlots} (a power of two): tests spill after a few pairs. */
    Fingerprints(Path spillFolder, int tableSlots) {
        this.recent = new FingerprintTable(tableSlots);
        this.older = new SpilledFingerprints(spillFolder);
        this.largestTable = tableSlots;
        this.budgetBytes = tableBytes(tableSlots) + tableBytes(tableSlots) / 2;
    }

    /** The committed fingerprints files whose pairs every judgement must know: read when the first comes. */
    synchronized void readOnFirstJudgement(List<Path> committed) {
        unread = List.copyOf(committed);
    }

    /** Judges each row of the block in order (a row can repeat an earlier one of the same block). */
    synchronized void judge(long[] idHashes, long[] contentHashes, int n, Verdict[] out) throws IOException {
        while (!unread.isEmpty()) {
            read(unread.get(0));
            unread = unread.subList(1, unread.size());
        }
        for (int r = 0; r < n; r++) {
            out[r] = idHashes[r] == EMPTY ? Verdict.NEW : admit(idHashes[r], contentHashes[r]);
        }
    }

    private Verdict admit(long idHash, long content) throws IOException {
        long id = nonEmpty(Hash64.mix(idHash ^ runSecret));
        int slot = recent.find(id);
        long first;
        if (slot >= 0) {
            first = recent.contentAt(slot);
        } else {
            OptionalLong spilled = older.contentOf(id);
            if (spilled.isEmpty()) {
                if (recent.full()) {
                    older.absorb(recent);
                    recent.limitTo(tableSlotsBeside(older.filterBytes()));
                }
                recent.add(id, content);
                return Verdict.NEW;
            }
            first = spilled.getAsLong();
        }
        if (first == content) {
            return Verdict.SAME;
        }
        long[] known = disputed.getOrDefault(id, new long[0]);
        for (long k : known) {
            if (k == content) {
                return Verdict.SAME;
            }
        }
        long[] more = Arrays.copyOf(known, known.length + 1);
        more[known.length] = content;
        disputed.put(id, more);
        return Verdict.DISPUTED;
    }

    /** The table's largest size now. */
    synchronized int tableSlots() {
        return recent.maxSlots();
    }

    /** The most slots within the budget beside a filter of {@code filterBytes}, a quarter of the largest table at least. */
    private int tableSlotsBeside(long filterBytes) {
        int slots = largestTable;
        while (slots > Math.max(FingerprintTable.LEAST_SLOTS, largestTable / 4) && tableBytes(slots) + filterBytes > budgetBytes) {
            slots >>>= 1;
        }
        return slots;
    }

    private static long tableBytes(int slots) {
        return 2L * Long.BYTES * slots;
    }

    /** Removes the spilled pairs (the committed files stay). */
    @Override
    public synchronized void close() throws IOException {
        older.close();
    }

    /** The id hash of row {@code r} ({@value #EMPTY} when it has no eventID: such rows are never duplicates). */
    public static long idHash(RowBlock block, int r) {
        byte[] id = block.textColumn(EventColumn.EVENT_ID)[r];
        return id == null ? EMPTY : nonEmpty(hash(id, 0, id.length, 0x5bd1e995L));
    }

    /**
     * The content hash of row {@code r} from {@code seed} (the lake's {@link FingerprintKey}): every
     * column but the object, NULL told apart from empty. {@code lanes}: values hashed by
     * {@link LaneHash} (keyed lakes), else by one chain (the fingerprints of lakes from before keys).
     */
    static long contentHash(RowBlock block, int r, long seed, boolean lanes) {
        long h = 0x9E3779B97F4A7C15L ^ seed;
        for (EventColumn c : CONTENT) {
            h = mix(h ^ c.ordinal());
            switch (c.type()) {
                case TEXT -> h = text(h, block.textColumn(c)[r], false, lanes);
                case JSON -> h = text(h, block.textColumn(c)[r], true, lanes);
                case TIMESTAMP -> h = mix(h ^ block.timeColumn(c)[r]);
                case BOOLEAN -> h = mix(h ^ block.boolColumn(c)[r]);
                case OBJECT_REF -> { }
            }
        }
        return h;
    }

    private static long text(long h, byte[] v, boolean json, boolean lanes) {
        if (v == null) {
            return mix(h ^ 0x7F4A7C15L);
        }
        if (lanes) {
            return LaneHash.of(v, h, json);
        }
        byte[] bytes = json ? minified(v) : v;
        return hash(bytes, 0, bytes.length, h);
    }

    /** JSON text without whitespace outside strings: a re-indented copy is the same content. */
    static byte[] minified(byte[] json) {
        return hasByteBelow0x21(json) ? minifiedSlowly(json) : json;
    }

    /**
     * Whether any byte is a space, a tab, a line break or another control character: without
     * one (most of CloudTrail's compact JSON) there is nothing to take out. JSON allows no raw
     * control character inside a string, and UTF-8 continuation bytes are all 0x80 or above, so
     * eight bytes at a time suffice; any such byte sends the text to the exact pass.
     */
    private static boolean hasByteBelow0x21(byte[] b) {
        int i = 0;
        for (; i + 8 <= b.length; i += 8) {
            long w = (long) WORDS.get(b, i);
            if (((w - 0x2121212121212121L) & ~w & 0x8080808080808080L) != 0) {
                return true;
            }
        }
        for (; i < b.length; i++) {
            if ((b[i] & 0xff) < 0x21) {
                return true;
            }
        }
        return false;
    }

    static byte[] minifiedSlowly(byte[] json) {
        byte[] out = null;
        int n = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            boolean drop = !inString && (b == ' ' || b == '\n' || b == '\r' || b == '\t');
            if (inString && b == '\\' && i + 1 < json.length) {
                if (out != null) {
                    out[n++] = b;
                    out[n++] = json[i + 1];
                } else {
                    n += 2;
                }
                i++;
                continue;
            }
            if (b == '"') {
                inString = !inString;
            }
            if (drop) {
                if (out == null) {
                    out = new byte[json.length];
                    System.arraycopy(json, 0, out, 0, n);
                }
                continue;
            }
            if (out != null) {
                out[n++] = b;
            } else {
                n++;
            }
        }
        return out == null ? json : Arrays.copyOf(out, n);
    }

    static long hash(byte[] b, int from, int to, long seed) {
        return Hash64.of(b, from, to, seed);
    }

    private static long nonEmpty(long h) {
        return h == EMPTY ? 1 : h;
    }

    private static long mix(long h) {
        return Hash64.mix(h);
    }

    /** Writes pairs as the commit's file. */
    static void write(Path file, long[] pairs, int count) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (int i = 0; i < count; i++) {
                out.writeLong(pairs[i]);
            }
        }
    }

    /** Adds the pairs of a committed file. */
    private void read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            readPairs(in, Files.size(file), this::admit);
        }
    }

    /** The pairs of a committed file of {@code sizeBytes} (on any file system: a Spark task reads them with Hadoop's). */
    public static void readPairs(InputStream file, long sizeBytes, Pairs out) throws IOException {
        long pairs = sizeBytes / 16;
        DataInputStream in = new DataInputStream(new BufferedInputStream(file, 1 << 16));
        for (long i = 0; i < pairs; i++) {
            out.pair(in.readLong(), in.readLong());
        }
    }
}
