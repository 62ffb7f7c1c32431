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
import io.trailsift.triage.Ranking;
import io.trailsift.triage.Triage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The playbook a responder runs on a leaked key, on a store that already holds the logs and the
 * rules' findings: establish the key's normal behaviour, follow its lineage and the users it
 * created, put every event of the lineage in time order, keep the findings that touch it, list the
 * changes it made and what it launched or read, and plan their containment. The other findings
 * are ranked by {@link Triage}: what else looks compromised.
 */
public final class Investigator {
    private Investigator() {
    }

    /** @param findings what the rules found on this store (see {@link io.trailsift.Case#hunt}) */
    public static Investigation run(EventStore store, String key, List<Finding> findings, Instant asOf) {
        Lineage lineage = Lineage.descendants(store, key);
        List<String> keys = lineage.nodes().stream().map(LineageNode::accessKeyId).toList();
        List<TimelineRow> timeline = Timeline.query(store, TimelineFilter.none().withKey(key, true));
        List<CreatedPrincipal> users = Footprint.createdUsers(store, keys);
        Set<String> lineageEvents = timeline.stream().map(TimelineRow::eventId).collect(Collectors.toSet());
        users.forEach(u -> u.activity().forEach(r -> lineageEvents.add(r.eventId())));
        Map<Boolean, List<Finding>> split = findings.stream().collect(Collectors.partitioningBy(
                f -> f.accessKeyId().map(keys::contains).orElse(false) || f.eventIds().stream().anyMatch(lineageEvents::contains)));
        Novelty novelty = Novelty.inStore(store);
        List<RankedEntity> elsewhere = Triage.rank(split.get(false), novelty).entities();
        List<ChangeToUndo> changes = ChangesToUndo.madeBy(store, keys);
        KeyBaseline baseline = KeyBaseline.of(store, key);
        // the key's usual work (an ETL reading its bucket) is not the attacker's data access
        List<Touched> touched = Footprint.touched(store, keys, users).stream()
                .filter(t -> baseline.attacker(t.call().accessKeyId(), Optional.of(t.time()), t.call().sourceIp(),
                        t.call().userAgent(), KeyBaseline.api(t.call().eventSource(), Optional.of(t.eventName()))))
                .toList();
        touched = Footprint.foldObjectReads(touched);
        List<ContainmentStep> containment = new ArrayList<>(Containment.plan(lineage, changes, asOf));
        containment.addAll(ResourceSteps.plan(touched));
        return new Investigation(key, asOf, baseline, lineage, timeline,
                ranked(split.get(true), novelty), elsewhere, changes, users, touched, containment,
                Evidence.of(store, lineage, keys));
    }

    /** Highest triage score of the finding's entity first, then severity, then time. */
    private static List<Finding> ranked(List<Finding> findings, Novelty novelty) {
        Ranking ranking = Triage.rank(findings, novelty);
        return findings.stream().sorted(Comparator.comparingInt((Finding f) -> -ranking.of(f).score())
                .thenComparing(Finding::severity, Comparator.reverseOrder())
                .thenComparing(Finding::firstSeen)).toList();
    }
}
