package io.trailsift.format.cloudtrail;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * The top-level fields of a record that have no column (addendum, apiVersion, insightDetails...),
 * gathered into one JSON object made of their original bytes: {@code {"name":value,...}}.
 */
final class OtherFields {
    private ByteArrayOutputStream out;

    /** {@code name} as it appears between its quotes (escaped), {@code value} as it appeared. */
    void add(byte[] name, int from, int to, byte[] value) {
        if (out == null) {
            out = new ByteArrayOutputStream(256);
            out.write('{');
        } else {
            out.write(',');
        }
        out.write('"');
        out.write(name, from, to - from);
        out.write('"');
        out.write(':');
        out.writeBytes(value);
    }

    /** The object, or empty when the record had no such field. */
    Optional<byte[]> finish() {
        if (out == null) {
            return Optional.empty();
        }
        out.write('}');
        return Optional.of(out.toByteArray());
    }
}
