package io.trailsift.lineage;

import java.time.Instant;
import java.util.Optional;

/**
 * How a key came to exist: the successful call that returned it.
 *
 * @param issuedKey      the key the call returned
 * @param parentKey      the key that made the call; empty when the caller had none (an AWS service,
 *                       a SAML or web-identity federation, or a cross-account copy whose caller copy
 *                       is missing)
 * @param via            the event name, e.g. {@code AssumeRole} or {@code CreateAccessKey}
 * @param viaEventId     the eventID of that call (the caller's copy when a cross-account call was
 *                       logged twice)
 * @param viaTime        when it was made
 * @param disputed       the call's eventID has copies that differ (see {@code event_conflicts}): the
 *                       edge exists in at least one copy, and the analyst decides which copy is real
 */
public record Origin(String issuedKey, Optional<String> parentKey, String via, String viaEventId, Instant viaTime,
                     boolean disputed) {
}
