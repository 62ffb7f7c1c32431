package io.trailsift.store;

import java.util.List;

/**
 * An eventID whose copies differ: every copy is kept, and the objects holding them are named
 * (by path, oldest object first), so the analyst can tell which one CloudTrail delivered.
 */
public record ConflictingCopies(String eventId, List<String> objects) {
    public ConflictingCopies {
        objects = List.copyOf(objects);
    }
}
