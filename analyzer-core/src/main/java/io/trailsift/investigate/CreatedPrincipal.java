package io.trailsift.investigate;

import io.trailsift.pivot.TimelineRow;

import java.util.List;

/**
 * An IAM user the lineage created, and what it did without a key of the lineage: a backdoor user's
 * console sign-in and console session are invisible to a lineage built from access keys.
 *
 * @param createdBy the CreateUser event
 * @param activity  its events made without a lineage key, oldest first
 */
public record CreatedPrincipal(String accountId, String userName, String createdBy, List<TimelineRow> activity) {
    public CreatedPrincipal {
        activity = List.copyOf(activity);
    }
}
