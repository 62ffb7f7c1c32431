package io.trailsift.triage;

import io.trailsift.store.AddressHistory;
import io.trailsift.store.EventStore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How new the places an entity's findings came from are to that entity: for each entity, the
 * source addresses of its findings' events that it had never used before its first finding. An
 * address it always used (its office, the NAT gateway its fleet leaves through) is not new.
 *
 * <p>For now the store's events answer ({@link #inStore}); a behaviour baseline kept per principal
 * can answer instead, behind the same question.
 */
@FunctionalInterface
public interface Novelty {
    /** No history known: nothing is new. */
    Novelty NONE = sightings -> Map.of();

    /** One entity, when its first finding was, and the source addresses of its findings. */
    record Sighting(String entity, Instant firstFinding, Set<String> addresses) {
        public Sighting {
            addresses = Set.copyOf(addresses);
        }
    }

    /**
     * Per entity, the addresses of its sighting it had never used before its first finding, in
     * order; an entity with nothing new (or no history to compare with) may be absent.
     */
    Map<String, List<String>> newAddresses(List<Sighting> sightings);

    /** Judged by the entity's behaviour baseline in {@code store}: the addresses it used before (see {@link AddressHistory}). */
    static Novelty inStore(EventStore store) {
        return sightings -> AddressHistory.newAddresses(store, sightings.stream()
                .map(s -> new AddressHistory.Sighting(s.entity(), s.firstFinding(), s.addresses().stream().sorted().toList()))
                .toList());
    }
}
