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
 */
public record Investigation(String key, Instant asOf, KeyBaseline baseline, Lineage lineage, List<TimelineRow> timeline,
                            List<Finding> findings, List<RankedEntity> elsewhere, List<ChangeToUndo> changes,
                            List<ContainmentStep> containment) {
}
