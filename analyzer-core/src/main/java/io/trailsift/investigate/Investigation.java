package io.trailsift.investigate;

import io.trailsift.detect.Finding;
import io.trailsift.lineage.Lineage;
import io.trailsift.pivot.TimelineRow;
import io.trailsift.triage.RankedEntity;

import java.time.Instant;
import java.util.List;

/**
 * Everything the playbook established about one access key: its normal behaviour and what
 * changed, what it spawned, what all of that did, what the rules say about it, what it left
 * behind and how to contain it; and, from the findings that do not touch it, what else looks
 * compromised ({@code elsewhere}: the principals and credentials of those findings, highest triage
 * score first).
 *
 * @param findings     the findings touching the lineage, ranked as {@code hunt} ranks them
 * @param createdUsers IAM users the lineage created, with what they did without its keys
 * @param touched      what the lineage (or those users) made or read outside IAM
 * @param limits       what the evidence behind all of this cannot show
 */
public record Investigation(String key, Instant asOf, KeyBaseline baseline, Lineage lineage, List<TimelineRow> timeline,
                            List<Finding> findings, List<RankedEntity> elsewhere, List<ChangeToUndo> changes,
                            List<CreatedPrincipal> createdUsers, List<Touched> touched,
                            List<ContainmentStep> containment, EvidenceLimits limits) {
    /**
     * The events that tell the attack: with a history, the key's calls from the first new IP on
     * that do not look like its usual ones, and every call of the credentials it spawned; without
     * one, everything. Oldest first.
     */
    public List<TimelineRow> attackerPeriod() {
        return timeline.stream().filter(this::attacker).toList();
    }

    /** Whether the event belongs to the attacker period (see {@link #attackerPeriod}). */
    public boolean attacker(TimelineRow r) {
        return baseline.attacker(r.accessKeyId(), r.eventTime(), r.sourceIp(), r.userAgent(),
                KeyBaseline.api(r.eventSource(), r.eventName()));
    }
}
