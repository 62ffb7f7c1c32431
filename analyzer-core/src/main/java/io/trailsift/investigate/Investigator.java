package io.trailsift.investigate;

import io.trailsift.detect.Finding;
import io.trailsift.lineage.Lineage;
import io.trailsift.lineage.LineageNode;
import io.trailsift.pivot.Timeline;
import io.trailsift.pivot.TimelineFilter;
import io.trailsift.pivot.TimelineRow;
import io.trailsift.store.EventStore;
import io.trailsift.triage.Novelty;
import io.trailsift.triage.RankedEntity;
import io.trailsift.triage.Triage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The playbook a responder runs on a leaked key, on a store that already holds the logs and the
 * rules' findings: establish the key's normal behaviour, follow its lineage, put every event of the
 * lineage in time order, keep the findings that touch it, list the changes it made and plan
 * their containment. The other findings are ranked by {@link Triage}: what else looks compromised.
 */
public final class Investigator {
    private Investigator() {
    }

    /** @param findings what the rules found on this store (see {@link io.trailsift.Case#hunt}) */
    public static Investigation run(EventStore store, String key, List<Finding> findings, Instant asOf) {
        Lineage lineage = Lineage.descendants(store, key);
        List<String> keys = lineage.nodes().stream().map(LineageNode::accessKeyId).toList();
        List<TimelineRow> timeline = Timeline.query(store, TimelineFilter.none().withKey(key, true));
        Set<String> lineageEvents = timeline.stream().map(TimelineRow::eventId).collect(Collectors.toSet());
        Map<Boolean, List<Finding>> split = findings.stream().collect(Collectors.partitioningBy(
                f -> f.accessKeyId().map(keys::contains).orElse(false) || f.eventIds().stream().anyMatch(lineageEvents::contains)));
        List<RankedEntity> elsewhere = Triage.rank(split.get(false), Novelty.inStore(store)).entities();
        List<ChangeToUndo> changes = ChangesToUndo.madeBy(store, keys);
        return new Investigation(key, asOf, KeyBaseline.of(store, key), lineage, timeline, split.get(true), elsewhere,
                changes, Containment.plan(lineage, changes, asOf));
    }
}
