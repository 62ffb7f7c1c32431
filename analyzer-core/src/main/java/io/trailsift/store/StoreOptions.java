package io.trailsift.store;

import java.util.Optional;

/**
 * Settings of the DuckDB database behind a store, chosen by whoever opens it.
 *
 * @param memoryLimit DuckDB's memory limit (e.g. {@code 640MB}); empty keeps DuckDB's default
 *                    (80% of RAM). A cap makes a long ingest write finished row groups to the
 *                    file early instead of growing one transaction in memory.
 * @param userAgents  how pivots and timelines show user agents: whole, or their client form
 */
public record StoreOptions(Optional<String> memoryLimit, UserAgents userAgents) {
    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile("\\d+(\\.\\d+)?\\s*[KMGT]i?B",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    public StoreOptions {
        if (memoryLimit.isPresent() && !SIZE.matcher(memoryLimit.get()).matches()) {
            throw new IllegalArgumentException("not a memory size: '" + memoryLimit.get() + "' (e.g. 640MB, 2GB)");
        }
    }

    public static StoreOptions defaults() {
        return new StoreOptions(Optional.empty(), UserAgents.WHOLE);
    }

    public StoreOptions withMemoryLimit(String limit) {
        return new StoreOptions(Optional.of(limit), userAgents);
    }

    public StoreOptions withUserAgents(UserAgents shown) {
        return new StoreOptions(memoryLimit, shown);
    }
}
