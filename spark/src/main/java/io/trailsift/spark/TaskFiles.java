package io.trailsift.spark;

import io.trailsift.source.ObjectPipeline;
import io.trailsift.source.ReadLimits;
import io.trailsift.source.SourceObject;
import io.trailsift.source.SourceProblem;
import io.trailsift.spark.HadoopInputs.ListedFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

/**
 * A task's files opened through Hadoop and walked by trailsift's source layer (archives read as
 * streams, compressed objects undone, sizes capped; archive entries too large for memory wait in
 * a temporary file on the task's disk, within the CLI's default caps), each object numbered by its
 * place in its file: entry 0 for a plain object, 0, 1, 2... for an archive's entries. Both passes
 * of the job walk a file the same way, so (file, entry, row) names the same event in both.
 */
final class TaskFiles {
    /** Receives the files' objects in order. */
    interface Visitor {
        void object(ListedFile file, int entry, SourceObject object) throws InterruptedException;

        void problem(ListedFile file, SourceProblem problem);
    }

    private TaskFiles() {
    }

    static void walk(List<ListedFile> files, Configuration conf, Visitor visitor) throws InterruptedException {
        // the walk takes the next file only when the one before is done: the file being walked is the last one taken
        ListedFile[] current = {null};
        int[] entry = {0};
        Iterator<ListedFile> it = files.iterator();
        Iterable<SourceObject> listed = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public SourceObject next() {
                current[0] = it.next();
                entry[0] = 0;
                return open(current[0], conf);
            }
        };
        ObjectPipeline.walkInOrder(listed, ReadLimits.DEFAULTS, new ObjectPipeline.Worker() {
            @Override
            public void object(SourceObject object) throws InterruptedException {
                visitor.object(current[0], entry[0]++, object);
            }

            @Override
            public void problem(SourceProblem problem) {
                visitor.problem(current[0], problem);
            }
        });
    }

    private static SourceObject open(ListedFile file, Configuration conf) {
        Path path = new Path(file.uri());
        try {
            FileSystem fs = HadoopInputs.fileSystem(path.toUri(), conf);
            return SourceObject.ofStream(file.shown(), file.sizeBytes(), () -> fs.open(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + file.uri(), e);
        }
    }
}
