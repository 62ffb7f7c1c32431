package io.trailsift.spark;

import org.apache.spark.Partitioner;

/**
 * Files to the writing tasks in runs of the listing order, not by hash: a listing is sorted by
 * path, and CloudTrail's paths put an account's days next to each other, so a task's rows fall in
 * few partitions of the lake and its writer commits large files. Spread by hash, each task met
 * every account and day at once and its writer committed hundreds of rows per file (3,000 files
 * for 1M events; the writing pass ran three times slower than the parsing one).
 */
final class FileRanges extends Partitioner {
    private final int tasks;
    private final int files;

    FileRanges(int tasks, int files) {
        this.tasks = Math.max(1, tasks);
        this.files = Math.max(1, files);
    }

    @Override
    public int numPartitions() {
        return tasks;
    }

    @Override
    public int getPartition(Object fileIndex) {
        return (int) ((long) (Integer) fileIndex * tasks / files);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileRanges r && r.tasks == tasks && r.files == files;
    }

    @Override
    public int hashCode() {
        return 31 * tasks + files;
    }
}
