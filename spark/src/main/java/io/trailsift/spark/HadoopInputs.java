package io.trailsift.spark;

import io.trailsift.source.ReadingOrder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The files under the paths given to the job, listed on the driver through Hadoop (any scheme:
 * {@code s3a://}, {@code hdfs://}, {@code file://}) in the order the CLI reads them: each path in
 * turn, a folder's files in {@link ReadingOrder}. Each file is named as the CLI names it, the path as given plus
 * the part below it, so the manifest of a lake reads the same whichever engine wrote it.
 */
final class HadoopInputs {
    /** One listed file: its place in the order, its name for the manifest, where Hadoop finds it. */
    record ListedFile(int index, String shown, String uri, long sizeBytes) implements Serializable {
    }

    /** A path given that does not exist: a usage error, as on the CLI. */
    static final class Missing extends Exception {
        Missing(String path) {
            super("no such readable file or folder: " + path);
        }
    }

    private HadoopInputs() {
    }

    static List<ListedFile> list(List<String> roots, Configuration conf) throws IOException, Missing {
        List<ListedFile> out = new ArrayList<>();
        for (String root : roots) {
            Path path = new Path(root);
            FileSystem fs = fileSystem(path.toUri(), conf);
            FileStatus status;
            try {
                status = fs.getFileStatus(path);
            } catch (FileNotFoundException e) {
                throw new Missing(root);
            }
            String qualified = fs.makeQualified(status.getPath()).toString();
            if (!status.isDirectory()) {
                out.add(new ListedFile(out.size(), root, qualified, status.getLen()));
                continue;
            }
            String shownRoot = root.replaceAll("/+$", "");
            List<ListedFile> found = new ArrayList<>();
            for (FileStatus f : files(fs, status.getPath())) {
                String uri = fs.makeQualified(f.getPath()).toString();
                found.add(new ListedFile(0, shownRoot + uri.substring(qualified.length()), uri, f.getLen()));
            }
            ReadingOrder.sort(found, ListedFile::shown);
            for (ListedFile f : found) {
                out.add(new ListedFile(out.size(), f.shown(), f.uri(), f.sizeBytes()));
            }
        }
        return out;
    }

    /**
     * Every file below {@code dir}. Not {@code FileSystem.listFiles}: its block locations make the
     * local file system ask the operating system for each file's owner and permissions, a process
     * forked per file (seconds for a few hundred files).
     */
    static List<FileStatus> files(FileSystem fs, Path dir) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        if (!fs.exists(dir)) {
            return out;
        }
        for (FileStatus f : fs.listStatus(dir)) {
            if (f.isDirectory()) {
                out.addAll(files(fs, f.getPath()));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * The file system of {@code uri}; for local files the plain one, which neither hides
     * {@code .crc} files from the listing nor writes them beside the lake's files.
     */
    static FileSystem fileSystem(URI uri, Configuration conf) throws IOException {
        FileSystem fs = FileSystem.get(uri, conf);
        return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
    }
}
