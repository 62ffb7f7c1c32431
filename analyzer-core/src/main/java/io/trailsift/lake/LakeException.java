package io.trailsift.lake;

/** A lake that cannot be written or read as asked; the message says why, for the user. */
public final class LakeException extends RuntimeException {
    public LakeException(String message) {
        super(message);
    }

    public LakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
