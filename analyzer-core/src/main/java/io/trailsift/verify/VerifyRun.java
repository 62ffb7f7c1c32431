package io.trailsift.verify;

/** A verify run kept in a store: its id there ({@code verify_runs.run_id}) and what it found. */
public record VerifyRun(long id, VerifyReport report) {
}
