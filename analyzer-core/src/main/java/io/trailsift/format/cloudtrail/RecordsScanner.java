package io.trailsift.format.cloudtrail;

import io.trailsift.event.EventColumn;
import io.trailsift.event.EventFilter;
import io.trailsift.event.EventTimes;
import io.trailsift.event.RowBlock;
import io.trailsift.format.ObjectFormat;
import io.trailsift.format.ParseOutcome;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The fast path for the layout CloudTrail itself writes, {@code {"Records":[{...},...]}}, over an
 * object already in memory: a strict byte scanner that validates the JSON (structure, escapes,
 * UTF-8) as it goes and fills rows exactly as {@link RecordReader} does, from the same
 * {@link RecordFields}.
 *
 * <p>Why: Jackson tokenises, hashes and canonicalises every name inside the nested objects that
 * trailsift only keeps as bytes; validating them byte by byte is cheaper (about half the parser
 * threads' CPU per event: {@code ParserBenchmark}, benchmarks/RESULTS.md).
 *
 * <p>It gives up, and returns nothing, at the first thing it does not handle or that is not
 * plainly valid: another layout, damage, a name with escapes, a lone surrogate, a record it would
 * report. The caller then reads the same bytes with Jackson, which reports damage with its
 * position. Rows are handed on only when the whole object was read, so giving up never leaves
 * half an object behind.
 */
final class RecordsScanner {
    private static final byte[] RECORDS = "\"Records\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOGSTASH_TIME = RecordFields.LOGSTASH_TIME.getBytes(StandardCharsets.US_ASCII);
    /** Deeper nesting goes to Jackson (which allows 2000); the scanner recurses per level. */
    private static final int MAX_DEPTH = 500;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Jackson's default limit on the length of a number. */
    private static final int MAX_NUMBER_LENGTH = 1000;

    /** Control flow only, and rare: no stack trace. */
    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    private static final GiveUp GIVE_UP = new GiveUp();

    private final EventFilter filter;
    private final int maxRecordBytes;
    private byte[] b;
    private int n;
    private RowBlock block;
    private boolean sawEventKey;
    private String atTimestamp;
    private OtherFields other;
    /** The containers {@link #skip} is inside, innermost last: '{' or '['. */
    private final byte[] containers = new byte[MAX_DEPTH];
    /** Whether the string {@link #string} last scanned had escapes. */
    private boolean escaped;

    RecordsScanner(EventFilter filter, int maxRecordBytes) {
        this.filter = filter;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Reads {@code bytes[0, length)}; empty when the caller must read them with Jackson instead. */
    Optional<ParseOutcome> read(byte[] bytes, int length, long objectId, Consumer<RowBlock> sink) {
        b = bytes;
        n = length;
        List<RowBlock> blocks = new ArrayList<>();
        block = new RowBlock(objectId);
        long stored = 0;
        long filtered = 0;
        try {
            int i = expect(ws(0), '{');
            i = ws(i);
            if (!Arrays.equals(b, i, Math.min(i + RECORDS.length, n), RECORDS, 0, RECORDS.length)) {
                return Optional.empty();
            }
            i = expect(ws(i + RECORDS.length), ':');
            i = ws(expect(ws(i), '['));
            if (at(i) == ']') {
                i++;
            } else {
                while (true) {
                    int start = i;
                    int end = record(i);
                    if (end - start > maxRecordBytes) {
                        return Optional.empty();
                    }
                    RecordReader.Result r = RecordReader.complete(block, filter, sawEventKey, atTimestamp, other,
                            () -> Arrays.copyOfRange(b, start, end));
                    if (r == RecordReader.Result.FILTERED) {
                        filtered++;
                    } else if (r != RecordReader.Result.STORED) {
                        return Optional.empty();
                    } else {
                        stored++;
                        if (block.isFull()) {
                            blocks.add(block);
                            block = new RowBlock(objectId);
                        }
                    }
                    i = ws(end);
                    if (at(i) == ']') {
                        i++;
                        break;
                    }
                    i = ws(expect(i, ','));
                }
            }
            if (ws(expect(ws(i), '}')) != n) {
                return Optional.empty();
            }
        } catch (GiveUp e) {
            return Optional.empty();
        } finally {
            b = null;
        }
        if (block.size() > 0) {
            blocks.add(block);
        }
        blocks.forEach(sink);
        return Optional.of(new ParseOutcome(ObjectFormat.RECORDS_WRAPPER, stored, filtered, Optional.empty(), 0));
    }

    /** One record from its '{'; returns the index after its '}'. */
    private int record(int i) {
        expect(i, '{');
        sawEventKey = false;
        atTimestamp = null;
        other = new OtherFields();
        return members(i, 1, RecordFields.RECORD);
    }

    /**
     * The members of the object whose '{' is at {@code i}, each read as {@code fields} says;
     * returns the index after its '}'.
     */
    private int members(int i, int depth, RecordFields.Table fields) {
        if (depth > MAX_DEPTH) {
            throw GIVE_UP;
        }
        i = ws(i + 1);
        if (at(i) == '}') {
            return i + 1;
        }
        while (true) {
            if (at(i) != '"') {
                throw GIVE_UP;
            }
            int nameEnd = string(i);
            if (escaped) {
                throw GIVE_UP; // matching escaped names is Jackson's job
            }
            int valueAt = ws(expect(ws(nameEnd), ':'));
            i = ws(member(fields, i + 1, nameEnd - 1, valueAt, depth));
            if (at(i) == '}') {
                return i + 1;
            }
            i = ws(expect(i, ','));
        }
    }

    /** Reads the value at {@code at} of the member named by b[nameFrom, nameTo); returns its end. */
    private int member(RecordFields.Table fields, int nameFrom, int nameTo, int at, int depth) {
        RecordFields.Field f = fields.get(b, nameFrom, nameTo);
        if (f == null) {
            return fields == RecordFields.RECORD ? otherField(nameFrom, nameTo, at) : skip(at, depth);
        }
        sawEventKey |= f.eventKey();
        return value(f, at, depth);
    }

    private int value(RecordFields.Field f, int i, int depth) {
        byte c = at(i);
        return switch (f.kind()) {
            case TEXT -> text(f.column(), i, c);
            case TIME -> {
                if (c != '"') {
                    yield skip(i, depth);
                }
                int end = string(i);
                OptionalLong micros = EventTimes.parseMicros(stringValue(i, end));
                micros.ifPresent(m -> block.setTime(f.column(), m));
                yield end;
            }
            case BOOL -> bool(f.column(), i, c, depth);
            case RAW -> {
                if (c == 'n') {
                    yield skip(i, depth);
                }
                if (c != '{' && c != '[') {
                    throw GIVE_UP; // a scalar where an object belongs: Jackson re-serialises it
                }
                int end = c == '{' && f.inside() != null ? walk(f.inside(), i, depth) : skip(i, depth);
                block.setText(f.column(), Arrays.copyOfRange(b, i, end));
                yield end;
            }
            case OBJECT -> c == '{' ? walk(f.inside(), i, depth) : skip(i, depth);
        };
    }

    private int walk(RecordFields.Table fields, int i, int depth) {
        return members(i, depth + 1, fields);
    }

    private int text(EventColumn column, int i, byte c) {
        if (c == '"') {
            int end = string(i);
            block.setText(column, escaped ? unescape(i, end) : Arrays.copyOfRange(b, i + 1, end - 1));
            return end;
        }
        int end = skip(i, 1);
        if (c != 'n' && c != '{' && c != '[') {
            // a number or boolean: its text, as Jackson's getText gives it
            block.setText(column, Arrays.copyOfRange(b, i, end));
        }
        return end;
    }

    private int bool(EventColumn column, int i, byte c, int depth) {
        int end = skip(i, depth);
        if (c == 't' || c == 'f') {
            block.setBool(column, c == 't');
        } else if (c == '"') {
            String s = stringValue(i, end);
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                block.setBool(column, s.equalsIgnoreCase("true"));
            }
        }
        return end;
    }

    private int otherField(int nameFrom, int nameTo, int i) {
        int end = skip(i, 1);
        if (b[i] == '"' && Arrays.equals(b, nameFrom, nameTo, LOGSTASH_TIME, 0, LOGSTASH_TIME.length)) {
            atTimestamp = stringValue(i, end);
        }
        other.add(b, nameFrom, nameTo, Arrays.copyOfRange(b, i, end));
        return end;
    }

    /**
     * Validates any value from {@code i} (at nesting {@code depth}); returns its end. A loop over
     * an explicit stack of open containers rather than recursion: it is the scanner's hottest
     * code, and small and flat compiles sooner and runs faster.
     */
    private int skip(int i, int depth) {
        int open = 0;
        while (true) {
            // a value starts at i
            byte c = at(i);
            if (c == '{' || c == '[') {
                if (depth + open >= MAX_DEPTH) {
                    throw GIVE_UP;
                }
                containers[open++] = c;
                i = ws(i + 1);
                if (at(i) == (c == '{' ? '}' : ']')) {
                    open--;
                    i++;
                } else {
                    if (c == '{') {
                        i = name(i);
                    }
                    continue;
                }
            } else if (c == '"') {
                i = string(i);
            } else if (c == 't') {
                i = literal(i, "true");
            } else if (c == 'f') {
                i = literal(i, "false");
            } else if (c == 'n') {
                i = literal(i, "null");
            } else {
                i = number(i);
            }
            // after a value: close containers, or go on to the next member or element
            while (true) {
                if (open == 0) {
                    return i;
                }
                i = ws(i);
                byte inside = containers[open - 1];
                byte next = at(i);
                if (next == ',') {
                    i = ws(i + 1);
                    if (inside == '{') {
                        i = name(i);
                    }
                    break;
                }
                if (next != (inside == '{' ? '}' : ']')) {
                    throw GIVE_UP;
                }
                open--;
                i++;
            }
        }
    }

    /** A member's name and colon from {@code i}; returns where its value starts. */
    private int name(int i) {
        if (at(i) != '"') {
            throw GIVE_UP;
        }
        return ws(expect(ws(string(i)), ':'));
    }

    private int literal(int i, String word) {
        for (int k = 0; k < word.length(); k++) {
            if (at(i + k) != word.charAt(k)) {
                throw GIVE_UP;
            }
        }
        return i + word.length();
    }

    /** JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private int number(int i) {
        int start = i;
        if (at(i) == '-') {
            i++;
        }
        if (at(i) == '0') {
            i++;
        } else {
            i = digits(i);
        }
        if (i < n && b[i] == '.') {
            i = digits(i + 1);
        }
        if (i < n && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (at(i) == '+' || b[i] == '-') {
                i++;
            }
            i = digits(i);
        }
        if (i - start > MAX_NUMBER_LENGTH) {
            throw GIVE_UP;
        }
        return i;
    }

    /** One or more digits from {@code i}; returns the index after them. */
    private int digits(int i) {
        int start = i;
        while (i < n && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        if (i == start) {
            throw GIVE_UP;
        }
        return i;
    }

    /**
     * Validates the string whose opening quote is at {@code i}: escapes, no raw control
     * characters, well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
     * Returns the index after its closing quote; {@link #escaped} says whether it had escapes.
     */
    private int string(int i) {
        escaped = false;
        i++;
        while (true) {
            // the common case first: a run of plain ASCII, eight bytes at a time, then byte by byte
            i = plainRun(i);
            while (i < n && b[i] >= 0x20 && b[i] != '"' && b[i] != '\\') {
                i++;
            }
            int c = at(i) & 0xff;
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                escaped = true;
                i = escape(i);
            } else if (c < 0x20) {
                throw GIVE_UP;
            } else if (c < 0x80) {
                i++;
            } else {
                i = utf8(i, c);
            }
        }
    }

    /**
     * Skips whole eight-byte words of plain string content (printable ASCII other than the quote
     * and the backslash); returns where the first word holding anything else starts. Each test
     * below marks the high bit of the lowest byte it matches exactly (a borrow can only mark
     * bytes above one that matched), so a word with no mark has no special byte.
     */
    private int plainRun(int i) {
        while (i + 8 <= n) {
            long w = (long) WORDS.get(b, i);
            long quote = w ^ 0x2222222222222222L;
            long backslash = w ^ 0x5C5C5C5C5C5C5C5CL;
            long special = (quote - 0x0101010101010101L) & ~quote
                    | (backslash - 0x0101010101010101L) & ~backslash
                    | (w - 0x2020202020202020L)
                    | w;
            if ((special & 0x8080808080808080L) != 0) {
                return i;
            }
            i += 8;
        }
        return i;
    }

    private int escape(int i) {
        byte e = at(i + 1);
        if (e == 'u') {
            if (!isHex4(i + 2)) {
                throw GIVE_UP;
            }
            char unit = (char) hex(i + 2);
            if (Character.isHighSurrogate(unit) && at(i + 6) == '\\' && at(i + 7) == 'u' && isHex4(i + 8)
                    && Character.isLowSurrogate((char) hex(i + 8))) {
                return i + 12;
            }
            if (Character.isSurrogate(unit)) {
                throw GIVE_UP; // a lone surrogate: the Jackson reader keeps such values as text
            }
            return i + 6;
        }
        if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
            return i + 2;
        }
        throw GIVE_UP;
    }

    private int utf8(int i, int c) {
        if (c >= 0xC2 && c <= 0xDF) {
            continuation(i + 1, 0x80, 0xBF);
            return i + 2;
        }
        if (c >= 0xE0 && c <= 0xEF) {
            // E0 needs A0.. (no overlong form), ED at most 9F (no surrogates)
            continuation(i + 1, c == 0xE0 ? 0xA0 : 0x80, c == 0xED ? 0x9F : 0xBF);
            continuation(i + 2, 0x80, 0xBF);
            return i + 3;
        }
        if (c >= 0xF0 && c <= 0xF4) {
            // F0 needs 90.. (no overlong form), F4 at most 8F (nothing above U+10FFFF)
            continuation(i + 1, c == 0xF0 ? 0x90 : 0x80, c == 0xF4 ? 0x8F : 0xBF);
            continuation(i + 2, 0x80, 0xBF);
            continuation(i + 3, 0x80, 0xBF);
            return i + 4;
        }
        throw GIVE_UP;
    }

    private void continuation(int i, int min, int max) {
        int c = at(i) & 0xff;
        if (c < min || c > max) {
            throw GIVE_UP;
        }
    }

    /** The decoded content of the (validated) string in [quote, end). */
    private String stringValue(int quote, int end) {
        return new String(escaped ? unescape(quote, end) : Arrays.copyOfRange(b, quote + 1, end - 1),
                StandardCharsets.UTF_8);
    }

    /** The content of the validated string in [quote, end) with its escapes decoded, as UTF-8. */
    private byte[] unescape(int quote, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - quote);
        int i = quote + 1;
        while (i < end - 1) {
            byte c = b[i];
            if (c != '\\') {
                out.write(c);
                i++;
                continue;
            }
            byte e = b[i + 1];
            if (e != 'u') {
                out.write(switch (e) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> e; // '"', '\\' and '/' stand for themselves
                });
                i += 2;
                continue;
            }
            int unit = hex(i + 2);
            i += 6;
            int codePoint = unit;
            if (Character.isHighSurrogate((char) unit)) {
                if (i + 6 > end - 1 || b[i] != '\\' || b[i + 1] != 'u' || !Character.isLowSurrogate((char) hex(i + 2))) {
                    throw GIVE_UP; // a lone surrogate: Jackson's decoding of it is what counts
                }
                codePoint = Character.toCodePoint((char) unit, (char) hex(i + 2));
                i += 6;
            } else if (Character.isLowSurrogate((char) unit)) {
                throw GIVE_UP;
            }
            out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private boolean isHex4(int i) {
        for (int k = i; k < i + 4; k++) {
            if (Character.digit(at(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private int hex(int i) {
        return Integer.parseInt(new String(b, i, 4, StandardCharsets.US_ASCII), 16);
    }

    private int ws(int i) {
        while (i < n) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    private byte at(int i) {
        if (i >= n) {
            throw GIVE_UP;
        }
        return b[i];
    }

    /** Requires {@code c} at {@code i}; returns the index after it. */
    private int expect(int i, char c) {
        if (at(i) != c) {
            throw GIVE_UP;
        }
        return i + 1;
    }
}
