package io.trailsift.store;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where Java values and store values meet. The store keeps times as TIMESTAMP
 * (UTC wall-clock, no zone): an {@link Instant} goes in as its UTC date-time and comes back as
 * one; lists are VARCHAR[] going in and Java lists coming out.
 */
final class StoreValues {
    private StoreValues() {
    }

    static LocalDateTime toStore(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    /** A value read from the store as a plain value: String, Long, Double, Boolean, Instant, List, or null. */
    static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number) {
            return v;
        }
        if (v instanceof Timestamp ts) {
            return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (v instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        if (v instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (v instanceof Array array) {
            return elements(array);
        }
        return v.toString();
    }

    private static List<Object> elements(Array array) {
        try {
            List<Object> out = new ArrayList<>();
            for (Object o : (Object[]) array.getArray()) {
                out.add(plain(o));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading a list value", e);
        }
    }
}
