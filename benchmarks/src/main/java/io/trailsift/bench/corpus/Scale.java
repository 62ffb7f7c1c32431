package io.trailsift.bench.corpus;

/**
 * How busy the organisation is, from the number of events asked for. The reference is 10M events
 * in 30 days; smaller corpora keep every kind of principal and habit but fewer instances, fewer
 * sessions a day and fewer runs, so the structure (who calls what, from where, how often relative
 * to the rest) survives at test size. Counts follow the square root of the size: a tenth of the
 * events keeps a third of the instances, which keeps the bulk traffic the larger share.
 */
record Scale(double factor) {
    static final long REFERENCE_EVENTS = 10_000_000L;

    static Scale of(long events) {
        return new Scale(Math.max(0.02, Math.min(3.0, Math.sqrt((double) events / REFERENCE_EVENTS))));
    }

    /** A count that is {@code reference} at 10M events, at least {@code min}. */
    int count(int reference, int min) {
        return Math.max(min, (int) Math.round(reference * factor));
    }

    /** An interval that is {@code referenceSeconds} at 10M events, stretched at smaller sizes up to {@code maxSeconds}. */
    long interval(long referenceSeconds, long maxSeconds) {
        return Math.min(maxSeconds, Math.max(referenceSeconds / 3, Math.round(referenceSeconds / factor)));
    }
}
