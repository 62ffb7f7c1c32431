package io.trailsift.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which source addresses were new to a principal at a given time, judged by its own earlier
 * events in the store. A principal here is what triage ranks: a role with all of its sessions
 * ({@code arn:aws:sts::A:assumed-role/R/S} counts as {@code arn:aws:iam::A:role/R}), else the
 * principal ARN, else the access key id of a call without one.
 */
public final class AddressHistory {
    /**
     * One row per (principal, address) to judge, from three lists bound as parameters; the
     * principal's history is the behaviour baseline ingest keeps (addresses with the time each
     * was first used), read before {@code since} (its first finding). The baseline folds a
     * session to its role as triage does; a principal with nothing before {@code since} has no
     * history to be new against, and is left out. {@code %s}: the baseline's relation.
     */
    private static final String NEW_ADDRESSES = """
            WITH wanted AS (
              SELECT unnest(?::VARCHAR[]) AS principal, unnest(?::VARCHAR[]) AS source_ip,
                     make_timestamp(CAST(unnest(?::VARCHAR[]) AS BIGINT)) AS since),
            firsts AS (SELECT principal, min(since) AS since FROM wanted GROUP BY principal),
            earlier AS (
              SELECT DISTINCT f.principal, b.value AS source_ip
              FROM %s AS b JOIN firsts f ON b.subject = f.principal
              WHERE b.scope = 'principal' AND b.aspect = 'ip' AND b.first_seen < f.since)
            SELECT w.principal, list(DISTINCT w.source_ip ORDER BY w.source_ip) AS addresses
            FROM wanted w
            WHERE w.principal IN (SELECT principal FROM earlier)
              AND NOT EXISTS (SELECT 1 FROM earlier x WHERE x.principal = w.principal AND x.source_ip = w.source_ip)
            GROUP BY w.principal
            ORDER BY w.principal""";

    /** A principal, when its first finding was, and the source addresses its findings' events came from. */
    public record Sighting(String principal, Instant since, List<String> addresses) {
        public Sighting {
            addresses = List.copyOf(addresses);
        }
    }

    private AddressHistory() {
    }

    /**
     * For each principal that had events before its {@code since}, the addresses of its sighting
     * it had never called from before then, in order; principals with none are absent.
     */
    public static Map<String, List<String>> newAddresses(EventStore store, List<Sighting> sightings) {
        List<String> principals = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        List<String> since = new ArrayList<>();
        for (Sighting s : sightings) {
            String micros = String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, s.since()));
            for (String address : s.addresses()) {
                principals.add(s.principal());
                addresses.add(address);
                since.add(micros);
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (principals.isEmpty()) {
            return out;
        }
        // Fixed text; the principals, addresses and times are bound.
        store.sql().query(NEW_ADDRESSES.formatted(DerivedTables.relation(store, DerivedTables.Table.BEHAVIOUR)), r -> out.put(r.text("principal"), r.texts("addresses")),
                principals, addresses, since);
        return out;
    }
}
