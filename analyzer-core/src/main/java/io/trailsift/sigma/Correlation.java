package io.trailsift.sigma;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A correlation rule's {@code correlation} section: which rules it combines (by id or name),
 * grouped by which fields, within how many seconds, and the bounds the count must meet
 * ({@code gte: 10} ...). {@code field}: what a value_count counts. {@code aliases}: for a
 * group-by name, the field it stands for in each referenced rule (by rule name).
 */
public record Correlation(String type, List<String> rules, List<String> groupBy, long timespanSeconds,
                          Map<String, Long> bounds, Optional<String> field, Map<String, Map<String, String>> aliases,
                          boolean generate) {
    public Correlation {
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        bounds = Map.copyOf(bounds);
        aliases = Map.copyOf(aliases);
    }
}
