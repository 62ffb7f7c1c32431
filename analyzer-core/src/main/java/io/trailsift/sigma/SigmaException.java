package io.trailsift.sigma;

/** A Sigma rule that cannot run, with the reason in words its author can act on. */
public final class SigmaException extends Exception {
    public SigmaException(String message) {
        super(message);
    }
}
