package io.trailsift.source;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where archive entries too large to hold in memory wait for a parser: one folder per run, under
 * the system's temporary folder, with a cap on the bytes all its files hold at once (a zip bomb
 * must not fill the analyst's disk). The folder is deleted when the run ends, when the JVM is
 * stopped (SIGTERM, SIGINT), and, if a run was killed outright, by the next run.
 */
final class TemporarySpace implements AutoCloseable {
    private static final String PREFIX = "trailsift-run-";
    private static final Pattern RUN_FOLDER = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+");

    private final Path folder;
    private final long capBytes;
    private final AtomicLong used = new AtomicLong();
    private final Thread onShutdown;

    private TemporarySpace(Path folder, long capBytes) {
        this.folder = folder;
        this.capBytes = capBytes;
        this.onShutdown = new Thread(this::deleteFolder, "trailsift-temporary-cleanup");
    }

    /** A new run folder; first removes the folders of runs whose process is gone. */
    static TemporarySpace create(long capBytes) {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        removeAbandoned(base);
        try {
            Path folder = Files.createTempDirectory(base, PREFIX + ProcessHandle.current().pid() + "-");
            TemporarySpace space = new TemporarySpace(folder, capBytes);
            Runtime.getRuntime().addShutdownHook(space.onShutdown);
            return space;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder in " + base, e);
        }
    }

    /** A new file of this run, and a stream to it that fails once the run's cap would be passed. */
    Path newFile() throws IOException {
        return Files.createTempFile(folder, "entry-", ".bin");
    }

    OutputStream writeTo(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                reserve(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                reserve(len);
                out.write(b, off, len);
            }
        };
    }

    private void reserve(long bytes) throws IOException {
        if (used.addAndGet(bytes) > capBytes) {
            used.addAndGet(-bytes);
            throw new Full(capBytes);
        }
    }

    /** The cap would be passed: the entry being written is not read. */
    static final class Full extends IOException {
        Full(long capBytes) {
            super("the archive entries waiting to be read would take more than " + capBytes
                    + " bytes of temporary space (--max-temp-bytes): entry not read");
        }
    }

    /** Deletes a file of this run and gives its bytes back. */
    void delete(Path file) {
        try {
            long size = Files.size(file);
            Files.deleteIfExists(file);
            used.addAndGet(-size);
        } catch (IOException ignored) {
            // the folder goes at the end of the run, with whatever is left in it
        }
    }

    @Override
    public void close() {
        deleteFolder();
        try {
            Runtime.getRuntime().removeShutdownHook(onShutdown);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it deletes the same folder
        }
    }

    private void deleteFolder() {
        deleteTree(folder);
    }

    /** Folders of earlier runs whose process no longer exists: a run killed before it could clean up. */
    private static void removeAbandoned(Path base) {
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path run : runs) {
                Matcher m = RUN_FOLDER.matcher(run.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    deleteTree(run);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // leftovers of another run are not this run's problem
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the next run tries again
                }
            });
        } catch (IOException | UncheckedIOException gone) {
            // nothing left to delete
        }
    }
}
