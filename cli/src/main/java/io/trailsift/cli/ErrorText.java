package io.trailsift.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * What failed, in the user's words: the JDK names a missing file by its path alone
 * ({@code trailsift: /nonexistent/dir/report.md}), which says nothing about why.
 */
final class ErrorText {
    private ErrorText() {
    }

    static String of(Exception e) {
        if (e instanceof NoSuchFileException f) {
            return "no such file or folder: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileSystemException f) {
            return "cannot use " + f.getFile() + (f.getReason() == null ? "" : ": " + f.getReason());
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
