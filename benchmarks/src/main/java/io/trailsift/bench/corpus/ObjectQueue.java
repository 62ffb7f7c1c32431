package io.trailsift.bench.corpus;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes log objects on a fixed pool of threads with at most two per thread queued, waiting for
 * the oldest before taking more: memory stays bounded however many objects a corpus has.
 */
final class ObjectQueue implements AutoCloseable {
    private final ExecutorService pool;
    private final int limit;
    private final Deque<Future<?>> inFlight = new ArrayDeque<>();

    ObjectQueue(int threads) {
        this.pool = Executors.newFixedThreadPool(threads);
        this.limit = threads * 2;
    }

    void submit(Runnable writer) throws Exception {
        inFlight.add(pool.submit(writer));
        if (inFlight.size() >= limit) {
            inFlight.remove().get();
        }
    }

    /** Waits for every object submitted, reporting the first failure. */
    void finish() throws Exception {
        while (!inFlight.isEmpty()) {
            inFlight.remove().get();
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
