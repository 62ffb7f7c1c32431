package io.trailsift.source;

import java.io.IOException;

/** Thrown when an object decompresses past the configured cap (a bomb, or a wrong cap). */
final class ObjectTooLargeException extends IOException {
    public ObjectTooLargeException(long cap) {
        super("decompressed size exceeds the cap of " + cap + " bytes (--max-object-bytes)");
    }
}
