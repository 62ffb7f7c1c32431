package io.trailsift.source;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Walks the paths a responder gave: directories recursively (in name order, so runs are
 * repeatable), files as they are, and zip / tar / tar.gz archives as streams without extracting
 * them, following archives nested one level. Archive entries whose names would escape the
 * archive's folder are refused, and entries are capped like every other object.
 */
final class InputWalker {
    /** Archive entries up to this size are held in memory; larger ones go to a temporary file. */
    private static final int IN_MEMORY_ENTRY = 32 << 20;

    /** Receives what the walk finds, in order. */
    interface Visitor {
        void object(SourceObject object) throws InterruptedException;

        void problem(SourceProblem problem);
    }

    private final long maxObjectBytes;
    private final TemporarySpace temporary;
    private final Predicate<SourceObject> admit;

    /**
     * @param admit decides from the path alone whether an object is wanted; objects it refuses are
     *              never opened (nor counted), which is what makes narrowing an org trail cheap
     */
    InputWalker(long maxObjectBytes, TemporarySpace temporary, Predicate<SourceObject> admit) {
        this.maxObjectBytes = maxObjectBytes;
        this.temporary = temporary;
        this.admit = admit;
    }

    void walk(List<Path> files, Visitor visitor) throws InterruptedException {
        for (Path file : files) {
            SourceObject listed;
            try {
                listed = SourceObject.ofFile(file);
            } catch (IOException e) {
                visitor.problem(SourceProblem.unreadable(file.toString(), SourceProblem.cannotRead(e)));
                continue;
            }
            walk(listed, visitor);
        }
    }

    /** One listed object: itself, or the entries of the archive it is. */
    void walk(SourceObject listed, Visitor visitor) throws InterruptedException {
        try {
            if (!admit.test(listed)) {
                return;
            }
            SourceObject object = listed.held();
            ContentKind kind = archiveKind(object);
            if (kind == null) {
                visitor.object(object);
            } else {
                try (InputStream raw = object.openRaw()) {
                    readArchive(listed.path(), raw, 0, visitor);
                }
            }
        } catch (IOException e) {
            visitor.problem(SourceProblem.unreadable(listed.path(), SourceProblem.cannotRead(e)));
        }
    }

    /**
     * ZIP or TAR (after gunzip) when the object is an archive, else null. An object that cannot
     * even be sniffed is no archive: the parser opens it again and reports the damage in detail.
     */
    private ContentKind archiveKind(SourceObject object) {
        try (OpenedObject opened = object.open(maxObjectBytes)) {
            return opened.contentKind().isArchive() ? opened.contentKind() : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    private void readArchive(String archivePath, InputStream raw, int depth, Visitor visitor)
            throws IOException, InterruptedException {
        try (OpenedObject opened = OpenedObject.open(archivePath, raw, maxObjectBytes);
             ArchiveInputStream<? extends ArchiveEntry> entries = opened.contentKind() == ContentKind.ZIP
                     ? new ZipArchiveInputStream(opened.stream(), "UTF-8", true, true)
                     : new TarArchiveInputStream(opened.stream())) {
            ArchiveEntry entry;
            while ((entry = nextEntry(entries, archivePath, visitor)) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                String path = archivePath + "!" + entry.getName();
                if (escapes(entry.getName())) {
                    visitor.problem(SourceProblem.unreadable(path, "archive entry name escapes its folder; refused"));
                    continue;
                }
                SourceObject object;
                try {
                    object = buffer(path, entries);
                } catch (ObjectTooLargeException | TemporarySpace.Full e) {
                    visitor.problem(SourceProblem.unreadable(path, e.getMessage()));
                    continue;
                }
                if (!admit.test(object)) {
                    object.release();
                    continue;
                }
                ContentKind kind = archiveKind(object);
                if (kind == null) {
                    visitor.object(object);
                } else if (depth == 0) {
                    try (InputStream nested = object.openRaw()) {
                        readArchive(path, nested, depth + 1, visitor);
                    } finally {
                        object.release();
                    }
                } else {
                    object.release();
                    visitor.problem(SourceProblem.unreadable(path, "archive nested more than one level deep; not followed"));
                }
            }
        }
    }

    private static ArchiveEntry nextEntry(ArchiveInputStream<? extends ArchiveEntry> entries, String archivePath,
                                          Visitor visitor) {
        try {
            return entries.getNextEntry();
        } catch (IOException e) {
            visitor.problem(SourceProblem.unreadable(archivePath, "archive damaged, stopped reading it: " + e.getMessage()));
            return null;
        }
    }

    /** Names that are absolute or climb out with "..": zip-slip. */
    static boolean escapes(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return true;
        }
        int depth = 0;
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                if (--depth < 0) {
                    return true;
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return false;
    }

    private SourceObject buffer(String path, InputStream entry) throws IOException {
        InputStream capped = new CappedInputStream(entry, maxObjectBytes);
        byte[] head = capped.readNBytes(IN_MEMORY_ENTRY);
        if (head.length < IN_MEMORY_ENTRY) {
            return SourceObject.ofBytes(path, head);
        }
        Path tmp = temporary.newFile();
        try (OutputStream out = temporary.writeTo(tmp)) {
            out.write(head);
            capped.transferTo(out);
        } catch (IOException e) {
            temporary.delete(tmp);
            throw e;
        }
        return SourceObject.ofTemporaryFile(path, tmp, temporary);
    }
}
