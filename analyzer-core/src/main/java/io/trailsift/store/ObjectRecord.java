package io.trailsift.store;

import java.util.Locale;
import java.util.Optional;

/**
 * One row of the {@code objects} manifest.
 *
 * @param filter the record filter the object was read under ("" for none): an object read for a
 *               narrower window is read again when a later run asks for more
 */
public record ObjectRecord(long objectId, String path, long sizeBytes, String sha256, String kind, long records,
                           Status status, Optional<String> error, String filter) {
    public enum Status {
        OK, DAMAGED, SKIPPED;

        public String sql() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status of(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }
}
