package io.trailsift.format;

/**
 * Where and why an object could not be read completely.
 *
 * @param byteOffset   position in the decompressed stream, -1 when unknown
 * @param recordIndex  0-based index of the record that was being read
 */
public record Damage(long byteOffset, long recordIndex, String reason) {
    public String describe() {
        StringBuilder sb = new StringBuilder(reason);
        sb.append(" (record ").append(recordIndex);
        if (byteOffset >= 0) {
            sb.append(", byte ").append(byteOffset);
        }
        return sb.append(')').toString();
    }
}
