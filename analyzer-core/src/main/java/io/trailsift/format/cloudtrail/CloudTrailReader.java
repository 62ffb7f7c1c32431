package io.trailsift.format.cloudtrail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.trailsift.event.EventFilter;
import io.trailsift.event.RowBlock;
import io.trailsift.format.Damage;
import io.trailsift.format.EventReader;
import io.trailsift.format.ObjectFormat;
import io.trailsift.format.ParseOutcome;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Streams the records of one decompressed object into {@link RowBlock}s, one record at a time,
 * whatever its layout ({@link ObjectFormat}). Damage never throws: it ends the object (or skips
 * the record, when the parser can go on) and is reported in the {@link ParseOutcome}, with every
 * complete record before it already delivered.
 */
public final class CloudTrailReader implements EventReader {
    /**
     * A record larger than this is reported and skipped rather than held in memory. CloudTrail
     * itself caps events at 256 KB (bigger fields come back as {"omitted": true}), so anything
     * near this size is not a genuine record, and each parser thread may hold one.
     */
    public static final int DEFAULT_MAX_RECORD_BYTES = 32 << 20;

    /**
     * Limits past which Jackson stops a record ({@link CutRecord}: the records after it are still
     * read). The parser never closes the stream: after a cut record a new parser goes on with it.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(DEFAULT_MAX_RECORD_BYTES)
                    .maxNestingDepth(2000)
                    .build())
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();
    private static final String REOPEN_RECORDS = "{\"Records\":[";

    private final EventFilter filter;
    private final int maxRecordBytes;

    public CloudTrailReader(EventFilter filter) {
        this(filter, DEFAULT_MAX_RECORD_BYTES);
    }

    public CloudTrailReader(EventFilter filter, int maxRecordBytes) {
        this.filter = filter;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * Objects up to this size (decompressed) are read into memory first and tried with the
     * {@link RecordsScanner}; CloudTrail's own objects are a few MB. Larger ones stream. The cap
     * bounds memory: the scanner holds an object's rows until its end, where the streaming reader
     * hands them on block by block, and small records cost several times their size in row
     * arrays; at 16 MB two parser threads stay well inside the launcher's 640 MB heap.
     */
    static final int SCAN_MAX_BYTES = 16 << 20;
    /**
     * Each parser thread keeps its object buffer (at most {@link #SCAN_MAX_BYTES}) for the next
     * object, instead of allocating, zeroing and doubling a new one from 64 KB for every object.
     */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[1 << 20]);

    @Override
    public ParseOutcome read(InputStream in, long objectId, Consumer<RowBlock> sink) {
        ObjectPrefix prefix = ObjectPrefix.read(in, SCAN_MAX_BYTES, BUFFER.get());
        BUFFER.set(prefix.bytes());
        if (prefix.isWhole()) {
            Optional<ParseOutcome> scanned = new RecordsScanner(filter, maxRecordBytes)
                    .read(prefix.bytes(), prefix.length(), objectId, sink);
            if (scanned.isPresent()) {
                return scanned.get();
            }
        }
        return stream(prefix.replayThen(in), objectId, sink);
    }

    /** The streaming Jackson reader: every layout, and damage reported where it starts. */
    ParseOutcome stream(InputStream in, long objectId, Consumer<RowBlock> sink) {
        Reading run = new Reading(objectId, sink);
        InputStream rest = in;
        while (rest != null) {
            rest = streamUntilCut(run, rest);
        }
        return run.finish();
    }

    /** Parses until the object ends, or until a record is cut: then the stream after that record. */
    private InputStream streamUntilCut(Reading run, InputStream in) {
        RawWindow window = new RawWindow(in, maxRecordBytes);
        JsonParser open = null;
        try (JsonParser p = FACTORY.createParser(window)) {
            open = p;
            run.top(p, window);
        } catch (CutRecord cut) {
            run.cutRecord(cut);
            try {
                Optional<CutRecord.Continuation> next = cut.skip();
                if (next.isEmpty()) {
                    run.damage(-1, "the object ends inside the record cut at byte " + cut.recordStart());
                    return null;
                }
                run.base = next.get().base();
                return next.get().stream();
            } catch (IOException e) {
                run.damage(-1, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        } catch (JsonProcessingException e) {
            run.damage(e.getLocation() == null ? -1 : e.getLocation().getByteOffset(), e.getOriginalMessage());
        } catch (IOException e) {
            // Truncated gzip, a read error or the size cap: where the parser had got to is the position.
            long at = open == null ? -1 : open.currentLocation().getByteOffset();
            run.damage(at, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return null;
    }

    /** The reading of one object: where the reader is, what it has delivered, the first damage. */
    private final class Reading {
        private final long objectId;
        private final Consumer<RowBlock> sink;
        private RowBlock block;
        private RecordReader reader;
        private ObjectFormat format = ObjectFormat.NOT_CLOUDTRAIL;
        private long recordIndex;
        private long stored;
        private long filtered;
        private long damagedRecords;
        private Damage damage;
        /** Absolute offset of the current parser's first byte: past 0 once a record was cut. */
        private long base;

        Reading(long objectId, Consumer<RowBlock> sink) {
            this.objectId = objectId;
            this.sink = sink;
            this.block = new RowBlock(objectId);
        }

        void top(JsonParser p, RawWindow window) throws IOException {
            reader = new RecordReader(FACTORY, window, filter);
            JsonToken t = p.nextToken();
            if (t == null) {
                damage(0, "empty object: no JSON at all");
                return;
            }
            if (t == JsonToken.START_ARRAY) {
                array(p, window, ObjectFormat.RECORD_ARRAY, true);
                return;
            }
            if (t != JsonToken.START_OBJECT) {
                return; // a scalar: not CloudTrail
            }
            boolean first = true;
            while (t == JsonToken.START_OBJECT) {
                long start = p.currentTokenLocation().getByteOffset();
                window.pin(start);
                JsonToken inner = p.nextToken();
                String key = inner == JsonToken.FIELD_NAME ? p.currentName() : "";
                if (key.equals("Records")) {
                    p.nextToken();
                    format = ObjectFormat.RECORDS_WRAPPER;
                    array(p, window, ObjectFormat.RECORDS_WRAPPER, false);
                    skipRestOfObject(p);
                } else if (key.equals("Events")) {
                    p.nextToken();
                    format = ObjectFormat.LOOKUP_EVENTS;
                    lookupEvents(p);
                    skipRestOfObject(p);
                } else if (!record(p, window, start, first)) {
                    return;
                } else if (first) {
                    format = ObjectFormat.RECORD_STREAM;
                }
                first = false;
                t = p.nextToken();
            }
            if (t != null) {
                damage(p.currentTokenLocation().getByteOffset(), "unexpected " + t + " between top-level objects");
            }
        }

        /** A record stream's first object that is no record means the whole object is something else. */
        private boolean record(JsonParser p, RawWindow window, long start, boolean first) throws IOException {
            RecordReader.Result r = readCutting(p, window, start, "");
            if (first && r == RecordReader.Result.NOT_A_RECORD) {
                return false;
            }
            count(r, start);
            return true;
        }

        private void array(JsonParser p, RawWindow window, ObjectFormat arrayFormat, boolean decideByFirst)
                throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                recordDamage(p.currentTokenLocation().getByteOffset(), "Records is not an array");
                p.skipChildren();
                return;
            }
            boolean first = decideByFirst;
            String reopen = arrayFormat == ObjectFormat.RECORDS_WRAPPER ? REOPEN_RECORDS : "[";
            // Jackson itself reports input that ends inside the array, as an exception.
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                long start = p.currentTokenLocation().getByteOffset();
                window.pin(start);
                if (t != JsonToken.START_OBJECT) {
                    if (first) {
                        return; // e.g. [1,2,3]: not CloudTrail
                    }
                    p.skipChildren();
                    recordDamage(start, "record is a " + t + ", not an object");
                    continue;
                }
                p.nextToken();
                RecordReader.Result r = first ? reader.read(p, start, block) : readCutting(p, window, start, reopen);
                if (first) {
                    if (r == RecordReader.Result.NOT_A_RECORD) {
                        return;
                    }
                    format = arrayFormat;
                    first = false;
                }
                count(r, start);
            }
        }

        private void lookupEvents(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                recordDamage(p.currentTokenLocation().getByteOffset(), "Events is not an array");
                p.skipChildren();
                return;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                long at = p.currentTokenLocation().getByteOffset();
                String embedded = t == JsonToken.START_OBJECT ? cloudTrailEventOf(p) : skipValue(p);
                if (embedded == null) {
                    recordDamage(at, "lookup-events entry without a CloudTrailEvent string");
                    continue;
                }
                embeddedRecord(embedded, at);
            }
        }

        /** Each CloudTrailEvent string is a whole record: parse it on its own. */
        private void embeddedRecord(String json, long at) throws IOException {
            RawWindow inner = new RawWindow(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), maxRecordBytes);
            try (JsonParser q = FACTORY.createParser(inner)) {
                if (q.nextToken() != JsonToken.START_OBJECT) {
                    recordDamage(at, "CloudTrailEvent is not a JSON object");
                    return;
                }
                q.nextToken();
                count(new RecordReader(FACTORY, inner, filter).read(q, 0, block), at);
            } catch (JsonProcessingException e) {
                recordDamage(at, "CloudTrailEvent is not valid JSON: " + e.getOriginalMessage());
            }
        }

        private String cloudTrailEventOf(JsonParser p) throws IOException {
            String found = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("CloudTrailEvent") && v == JsonToken.VALUE_STRING) {
                    found = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            return found;
        }

        private String skipValue(JsonParser p) throws IOException {
            p.skipChildren();
            return null;
        }

        private void skipRestOfObject(JsonParser p) throws IOException {
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                p.nextToken();
                p.skipChildren();
            }
        }

        /**
         * One record; a record stopped at a parser limit is thrown as {@link CutRecord}, so the
         * records after it are read by a new parser.
         */
        private RecordReader.Result readCutting(JsonParser p, RawWindow window, long start, String reopen)
                throws IOException {
            try {
                return reader.read(p, start, block);
            } catch (StreamConstraintsException e) {
                block.clearRow();
                throw new CutRecord(e.getOriginalMessage(), window, start, base, reopen);
            }
        }

        void cutRecord(CutRecord cut) {
            damagedRecords++;
            if (damage == null) {
                damage = new Damage(cut.recordStart(), recordIndex, cut.getMessage());
            }
            recordIndex++;
        }

        private void count(RecordReader.Result r, long at) {
            switch (r) {
                case STORED -> {
                    stored++;
                    if (block.isFull()) {
                        sink.accept(block);
                        block = new RowBlock(objectId);
                    }
                }
                case FILTERED -> filtered++;
                case NOT_A_RECORD -> recordDamage(at, "object has none of eventID, eventTime, eventSource, eventName");
                case TOO_LARGE -> recordDamage(at, "record larger than " + maxRecordBytes + " bytes");
            }
            recordIndex++;
        }

        private void recordDamage(long at, String reason) {
            damagedRecords++;
            damage(at, reason);
        }

        void damage(long at, String reason) {
            if (damage == null) {
                damage = new Damage(at < 0 ? at : base + at, recordIndex, reason);
            }
        }

        ParseOutcome finish() {
            if (block.size() > 0) {
                sink.accept(block);
            }
            ObjectFormat f = format;
            if (damage != null && f == ObjectFormat.NOT_CLOUDTRAIL && stored == 0 && damagedRecords == 0) {
                // Unreadable from the first byte: report it as damaged rather than silently "other".
                return new ParseOutcome(f, 0, filtered, Optional.of(damage), 0);
            }
            if (f == ObjectFormat.NOT_CLOUDTRAIL) {
                return new ParseOutcome(f, 0, 0, Optional.empty(), 0);
            }
            return new ParseOutcome(f, stored, filtered, Optional.ofNullable(damage), damagedRecords);
        }
    }
}
