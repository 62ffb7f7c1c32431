package io.trailsift.source;

import java.io.IOException;

/**
 * An input the walker could not hand over, or chose not to, with the reason.
 *
 * @param unreadable true for damage (a file or folder that could not be read, a broken archive),
 *                   false for what was left alone on purpose (a link out of the evidence folder, a
 *                   named pipe or device)
 */
public record SourceProblem(String path, String reason, boolean unreadable) {
    static SourceProblem unreadable(String path, String reason) {
        return new SourceProblem(path, reason, true);
    }

    static SourceProblem notRead(String path, String reason) {
        return new SourceProblem(path, reason, false);
    }

    /**
     * "cannot read: " and what went wrong: the exception's kind always (an AccessDeniedException's
     * message is only the path, a truncated gzip's EOFException has none), then its message.
     */
    public static String cannotRead(IOException e) {
        return "cannot read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
