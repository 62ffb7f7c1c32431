package io.trailsift.investigate;

import io.trailsift.detect.Finding;
import io.trailsift.lineage.Lineage;
import io.trailsift.pivot.TimelineRow;

import java.time.Instant;
import java.util.List;

/**
 * Everything the playbook established about one access key: its normal behaviour and what
 * changed, what it spawned, what all of that did, what the rules say about it, what it left
 * behind and how to contain it.
 */
public record Investigation(String key, Instant asOf, KeyBaseline baseline, Lineage lineage, List<TimelineRow> timeline,
                            List<Finding> findings, List<ChangeToUndo> changes, List<ContainmentStep> containment) {
}
