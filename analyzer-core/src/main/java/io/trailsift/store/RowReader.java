package io.trailsift.store;

/** Turns the current row of a result into a value of the caller's type. */
@FunctionalInterface
public interface RowReader<T> {
    T read(Row row);
}
