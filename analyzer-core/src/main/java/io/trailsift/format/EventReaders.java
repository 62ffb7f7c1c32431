package io.trailsift.format;

import io.trailsift.event.EventFilter;
import io.trailsift.format.cloudtrail.CloudTrailReader;
import io.trailsift.source.ContentKind;

import java.util.Optional;

/** Which reader takes an object, by what its first bytes are: the one place a new format registers. */
public final class EventReaders {
    private final CloudTrailReader cloudTrail;

    /** Readers that keep only the records {@code filter} admits. */
    public EventReaders(EventFilter filter) {
        this.cloudTrail = new CloudTrailReader(filter);
    }

    /** The reader for content of this kind, or empty when no format trailsift reads starts like it. */
    public Optional<EventReader> forContent(ContentKind kind) {
        return kind == ContentKind.JSON ? Optional.of(cloudTrail) : Optional.empty();
    }
}
