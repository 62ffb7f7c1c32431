package io.trailsift.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The files to read below the paths a responder gave, in a repeatable order ({@link ReadingOrder}), and
 * what was not read and why. The evidence is what the responder named: a folder given as a link is
 * read; inside it, a link is followed only to a file in the same folder, because a link in a
 * downloaded archive can point anywhere on the analyst's machine. A folder or file that cannot be
 * read is reported and the rest is read; a named pipe or device is reported and never opened.
 */
public record InputFiles(List<Path> files, List<SourceProblem> problems) {
    private static final String NOT_A_FILE = "not a regular file (a named pipe, device or socket): not opened";

    public InputFiles {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    public static InputFiles list(List<Path> roots) {
        List<Path> files = new ArrayList<>();
        List<SourceProblem> problems = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                folder(root, files, problems);
            } else if (Files.isRegularFile(root)) {
                files.add(root);
            } else if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(SourceProblem.notRead(root.toString(), NOT_A_FILE));
            } else {
                problems.add(SourceProblem.unreadable(root.toString(), "no such file or folder"));
            }
        }
        return new InputFiles(files, problems);
    }

    /** Total stored bytes of the files, for progress. */
    public long bytes() {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException gone) {
                // reported when the walker comes to it
            }
        }
        return total;
    }

    private static void folder(Path root, List<Path> files, List<SourceProblem> problems) {
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException e) {
            problems.add(SourceProblem.unreadable(root.toString(), SourceProblem.cannotRead(e)));
            return;
        }
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(real, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path shown = root.resolve(real.relativize(file));
                    if (attrs.isRegularFile()) {
                        found.add(shown);
                    } else if (attrs.isSymbolicLink()) {
                        link(file, shown, real, found, problems);
                    } else if (!attrs.isDirectory()) {
                        problems.add(SourceProblem.notRead(shown.toString(), NOT_A_FILE));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add(SourceProblem.unreadable(root.resolve(real.relativize(file)).toString(),
                            SourceProblem.cannotRead(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(SourceProblem.unreadable(root.toString(), SourceProblem.cannotRead(e)));
        }
        ReadingOrder.sort(found, Path::toString);
        files.addAll(found);
    }

    /** A link inside an evidence folder: read when it leads to a file of the same folder, else reported. */
    private static void link(Path link, Path shown, Path folder, List<Path> found, List<SourceProblem> problems) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            target = "?";
        }
        try {
            Path real = link.toRealPath();
            if (real.startsWith(folder) && Files.isRegularFile(real)) {
                found.add(shown);
                return;
            }
            problems.add(SourceProblem.notRead(shown.toString(), "symbolic link to " + target
                    + (real.startsWith(folder) ? " (a folder): not followed" : ", outside the evidence folder: not followed")));
        } catch (IOException e) {
            problems.add(SourceProblem.notRead(shown.toString(), "symbolic link to " + target + ", which does not exist"));
        }
    }


}
