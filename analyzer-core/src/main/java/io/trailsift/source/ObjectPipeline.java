package io.trailsift.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Walkers find objects in the inputs and hand each to a pool of workers, with a bound on the
 * objects in flight: archive entries wait in memory until a worker is done with them, so the
 * bound is what keeps memory flat whatever the input. Ingest and verify both run on it.
 */
public final class ObjectPipeline {
    /** What to do with each object (on a worker thread) and with each input that yields none. */
    public interface Worker {
        void object(SourceObject object) throws InterruptedException;

        /** Called on a walker thread: an object that could not be handed over, with the reason. */
        void problem(SourceProblem problem);
    }

    private final int walkers;
    private final int workers;
    private final ReadLimits limits;
    private final Predicate<SourceObject> admit;
    private final String name;

    /**
     * @param walkers how many threads walk the inputs: one keeps the order of objects repeatable;
     *                more help when sniffing each file is a large share of the work
     * @param limits    the cap on each object's decompressed bytes, and on the temporary files
     *                  where archive entries too large for memory wait for a worker
     * @param admit     decides from the path alone whether an object is wanted (see {@link InputWalker})
     * @param name      prefix of the threads' names
     */
    public ObjectPipeline(int walkers, int workers, ReadLimits limits, Predicate<SourceObject> admit, String name) {
        this.walkers = Math.max(1, walkers);
        this.workers = Math.max(1, workers);
        this.limits = limits;
        this.admit = admit;
        this.name = name;
    }

    /**
     * Reports what {@code inputs} could not list, walks its files, and returns once every object
     * was handled; the run's temporary files are gone by then.
     */
    public void run(InputFiles inputs, Worker worker) throws InterruptedException {
        inputs.problems().forEach(worker::problem);
        try (TemporarySpace temporary = TemporarySpace.create(limits.maxTemporaryBytes())) {
            run(inputs.files(), new InputWalker(limits.maxObjectBytes(), temporary, admit), worker);
        }
    }

    /**
     * Walks objects listed elsewhere (a Spark task's share of a Hadoop listing) on the calling
     * thread, in order: archives are read as streams, their entries handed over one by one, the
     * large ones through a temporary file within {@code limits}, deleted once the worker is done.
     * {@code listed} is iterated as the walk goes: an object is taken once the one before is done.
     */
    public static void walkInOrder(Iterable<SourceObject> listed, ReadLimits limits, Worker worker) throws InterruptedException {
        try (TemporarySpace temporary = TemporarySpace.create(limits.maxTemporaryBytes())) {
            InputWalker walker = new InputWalker(limits.maxObjectBytes(), temporary, o -> true);
            InputWalker.Visitor visitor = new InputWalker.Visitor() {
                @Override
                public void object(SourceObject object) throws InterruptedException {
                    try {
                        worker.object(object);
                    } finally {
                        object.release();
                    }
                }

                @Override
                public void problem(SourceProblem problem) {
                    worker.problem(problem);
                }
            };
            for (SourceObject object : listed) {
                walker.walk(object, visitor);
            }
        }
    }

    private void run(List<Path> files, InputWalker walker, Worker worker) throws InterruptedException {
        int permits = workers * 2;
        Semaphore inFlight = new Semaphore(permits);
        ExecutorService pool = Executors.newFixedThreadPool(workers, daemon(name + "-work"));
        InputWalker.Visitor visitor = new InputWalker.Visitor() {
            @Override
            public void object(SourceObject object) throws InterruptedException {
                inFlight.acquire();
                pool.execute(() -> {
                    try {
                        worker.object(object);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        object.release();
                        inFlight.release();
                    }
                });
            }

            @Override
            public void problem(SourceProblem problem) {
                worker.problem(problem);
            }
        };
        try {
            walk(files, walker, visitor);
            inFlight.acquire(permits);
        } finally {
            pool.shutdownNow();
        }
    }

    private void walk(List<Path> files, InputWalker walker, InputWalker.Visitor visitor) throws InterruptedException {
        if (walkers == 1) {
            walker.walk(files, visitor);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(walkers, daemon(name + "-walk"));
        try {
            List<Callable<Void>> slices = new ArrayList<>();
            for (int i = 0; i < walkers; i++) {
                List<Path> slice = new ArrayList<>();
                for (int j = i; j < files.size(); j += walkers) {
                    slice.add(files.get(j));
                }
                slices.add(() -> {
                    walker.walk(slice, visitor);
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(slices)) {
                join(f);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A walker's own failure, as it was: the walkers catch every input's I/O error themselves. */
    private static void join(Future<Void> f) throws InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException ie) {
                throw ie;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a walker failed", cause);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
