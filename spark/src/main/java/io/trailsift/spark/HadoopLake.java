package io.trailsift.spark;

import io.trailsift.lake.FingerprintKey;
import io.trailsift.lake.LakeLayout;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A trailsift lake on any Hadoop file system, kept by the rules of analyzer-core's lake package
 * (LakeManifest): a commit's files are written under temporary names, the rename of its manifest
 * file is the commit, its other files are renamed after; whoever starts writing first finishes
 * the renames of committed files and deletes every other temporary file. On S3 a rename is a
 * copy, but each object appears whole, so the manifest file still appears at once.
 */
final class HadoopLake implements Serializable {
    private final String root;

    HadoopLake(String root) {
        this.root = root.replaceAll("/+$", "");
    }

    String root() {
        return root;
    }

    Path folder(String name) {
        return new Path(root + "/" + name);
    }

    FileSystem fileSystem(Configuration conf) throws IOException {
        return HadoopInputs.fileSystem(new Path(root).toUri(), conf);
    }

    /**
     * The lake's {@link FingerprintKey}, as the CLI keeps it: read from its file, made when the
     * lake has no fingerprints yet, unkeyed for a lake whose fingerprints predate keys.
     */
    FingerprintKey fingerprintKey(Configuration conf) throws IOException {
        FileSystem fs = fileSystem(conf);
        Path file = new Path(root + "/" + FingerprintKey.FILE);
        FingerprintKey.KeyFile onHadoop = new FingerprintKey.KeyFile() {
            @Override
            public Optional<String> read() throws IOException {
                if (!fs.exists(file)) {
                    return Optional.empty();
                }
                try (var in = fs.open(file)) {
                    // a key is 17 bytes: a larger file is no key, and its first bytes tell as much
                    return Optional.of(new String(in.readNBytes(64), StandardCharsets.US_ASCII));
                }
            }

            @Override
            public void write(String text) throws IOException {
                Path temporary = temporary(file);
                try (var out = fs.create(temporary, true)) {
                    out.write(text.getBytes(StandardCharsets.US_ASCII));
                }
                rename(fs, temporary, file);
            }
        };
        return FingerprintKey.of(onHadoop, file, !committedFiles(conf, "fingerprints", ".bin").isEmpty());
    }

    /** Creates the lake if needed and finishes or removes what a killed run left (the driver does this before the tasks run). */
    void recover(Configuration conf) throws IOException {
        FileSystem fs = fileSystem(conf);
        fs.mkdirs(folder("objects"));
        Set<String> committed = new HashSet<>();
        for (FileStatus m : HadoopInputs.files(fs, folder("objects"))) {
            if (!LakeLayout.isTemporaryName(m.getPath().getName())) {
                committed.add(LakeLayout.commitOf(m.getPath().getName()));
            }
        }
        for (String dir : LakeLayout.commitFolders()) {
            for (FileStatus f : HadoopInputs.files(fs, folder(dir))) {
                String name = f.getPath().getName();
                if (!LakeLayout.isTemporaryName(name)) {
                    continue;
                }
                if (committed.contains(LakeLayout.commitOf(LakeLayout.committedName(name)))) {
                    rename(fs, f.getPath(), new Path(f.getPath().getParent(), LakeLayout.committedName(name)));
                } else {
                    fs.delete(f.getPath(), false);
                }
            }
        }
    }

    /** Committed files of {@code dir} whose names end in {@code suffix}. */
    List<FileStatus> committedFiles(Configuration conf, String dir, String suffix) throws IOException {
        return HadoopInputs.files(fileSystem(conf), folder(dir)).stream()
                .filter(f -> f.getPath().getName().endsWith(suffix) && !LakeLayout.isTemporaryName(f.getPath().getName()))
                .toList();
    }

    /**
     * Moves one commit, made by a task's writer into the lake folder {@code staged} on its own disk,
     * into this lake: every file under its temporary name, then the manifest's rename (the commit),
     * then the others'. A commit already in the lake (a retried task writes the same commits, by
     * the same names, as the attempt that failed) is not made twice. The staged files are gone after.
     */
    void publish(java.nio.file.Path staged, Configuration conf) throws IOException {
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> s = Files.walk(staged)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        java.nio.file.Path manifest = files.stream()
                .filter(f -> staged.relativize(f).getName(0).toString().equals("objects")).findFirst()
                .orElseThrow(() -> new IOException("a commit without its manifest file in " + staged));
        FileSystem lake = fileSystem(conf);
        FileSystem local = FileSystem.getLocal(conf).getRawFileSystem();
        if (!lake.exists(target(staged, manifest))) {
            for (java.nio.file.Path f : files) {
                Path temporary = temporary(target(staged, f));
                lake.mkdirs(temporary.getParent());
                FileUtil.copy(local, new Path(f.toUri()), lake, temporary, false, true, conf);
            }
            rename(lake, temporary(target(staged, manifest)), target(staged, manifest));
            for (java.nio.file.Path f : files) {
                if (!f.equals(manifest)) {
                    rename(lake, temporary(target(staged, f)), target(staged, f));
                }
            }
        }
        for (java.nio.file.Path f : files) {
            Files.delete(f);
        }
    }

    private Path target(java.nio.file.Path staged, java.nio.file.Path file) {
        return new Path(root + "/" + staged.relativize(file).toString().replace('\\', '/'));
    }

    private static Path temporary(Path file) {
        return new Path(file.getParent(), LakeLayout.temporaryName(file.getName()));
    }

    static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }
}
