package io.trailsift.verify;

import io.trailsift.verify.VerifyReport.ObjectState;

import java.util.Optional;

/**
 * One copy of an event whose copies differ, with what verify says of the object holding it: the
 * copy in a verified object is the one CloudTrail delivered.
 *
 * @param state empty when the object is not among the verified inputs (another folder, or not a log)
 */
public record DisputedCopy(String eventId, String object, Optional<ObjectState> state) {
}
