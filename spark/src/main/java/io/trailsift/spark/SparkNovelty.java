package io.trailsift.spark;

import io.trailsift.triage.Novelty;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;

/**
 * Triage's question "which addresses were new to this entity" answered from the lake's behaviour
 * baseline on Spark, as the store answers it (see the store's {@code AddressHistory}): an entity's
 * earlier addresses are those it used before its first finding; an entity with none has no
 * history to be new against and is left out. Only the baseline rows of the entities asked about
 * come to the driver. Without current derived tables nothing is judged new.
 */
final class SparkNovelty implements Novelty {
    private final SparkSession spark;
    private final boolean baselines;

    SparkNovelty(SparkSession spark, boolean baselines) {
        this.spark = spark;
        this.baselines = baselines;
    }

    @Override
    public Map<String, List<String>> newAddresses(List<Sighting> sightings) {
        if (!baselines || sightings.isEmpty()) {
            return Map.of();
        }
        Map<String, Instant> since = new HashMap<>();
        Map<String, Set<String>> wanted = new HashMap<>();
        for (Sighting s : sightings) {
            since.merge(s.entity(), s.firstFinding(), (a, b) -> a.isBefore(b) ? a : b);
            wanted.computeIfAbsent(s.entity(), k -> new TreeSet<>()).addAll(s.addresses());
        }
        Map<String, Set<String>> earlier = new HashMap<>();
        // the entities are bound as values of the filter, never spliced into SQL text
        for (Row r : spark.table("behaviour").where(col("scope").equalTo("principal").and(col("aspect").equalTo("ip"))
                .and(col("subject").isin(since.keySet().toArray()))).select("subject", "value", "first_seen").collectAsList()) {
            Object first = r.get(2);
            Instant t = first instanceof Instant i ? i : ((Timestamp) first).toInstant();
            if (t.isBefore(since.get(r.getString(0)))) {
                earlier.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(1));
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        for (Map.Entry<String, Set<String>> e : earlier.entrySet()) {
            List<String> fresh = wanted.get(e.getKey()).stream().filter(a -> !e.getValue().contains(a))
                    .collect(Collectors.toList());
            if (!fresh.isEmpty()) {
                out.put(e.getKey(), fresh);
            }
        }
        return out;
    }
}
