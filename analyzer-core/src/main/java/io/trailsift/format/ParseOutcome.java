package io.trailsift.format;

import java.util.Optional;

/**
 * What reading one object produced.
 *
 * @param recordsStored   records handed to the sink
 * @param recordsFiltered records dropped by the {@link io.trailsift.event.EventFilter}
 * @param damage          the first problem met, if any; records before it were all delivered
 * @param damagedRecords  records skipped because they were unusable (each counted once)
 */
public record ParseOutcome(ObjectFormat format, long recordsStored, long recordsFiltered,
                           Optional<Damage> damage, long damagedRecords) {
    public boolean damaged() {
        return damage.isPresent();
    }
}
