package io.trailsift.bench.corpus;

import io.trailsift.testkit.CloudTrailEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The scheduled part of one day, sorted into its delivery windows: the sessions workloads start
 * that day, the episodes (scans, people, deploys, Terraform, jobs) of that day and the evening
 * before (an episode begun at 23:50 ends after midnight), and the incident's events of that day.
 * Every episode is rebuilt from its own seed wherever it is needed, so a day is planned alone, and
 * each event lands in exactly one day. The bulk traffic fills the windows around these afterwards.
 */
final class DayPlan {
    /** One record already written as JSON, with its time (seconds) for merging. */
    record Placed(long second, String json) {
    }

    private final List<List<Placed>> slots;
    private final int count;

    private DayPlan(List<List<Placed>> slots, int count) {
        this.slots = slots;
        this.count = count;
    }

    /** The records of one account/region and 5-minute window of the day, sorted by time. */
    List<Placed> slot(int pair, int window) {
        return slots.get(pair * OrgCalendar.WINDOWS_PER_DAY + window);
    }

    int count() {
        return count;
    }

    /** Everything that produces scheduled events, for one day at a time. */
    interface Episodes {
        void day(int d, Consumer<CloudTrailEvent> out);
    }

    static DayPlan of(int d, Org org, List<Episodes> episodes, Incident incident) {
        Instant from = OrgCalendar.day(d);
        Instant to = OrgCalendar.day(d + 1);
        List<List<Placed>> slots = new ArrayList<>();
        for (int i = 0; i < Org.pairs() * OrgCalendar.WINDOWS_PER_DAY; i++) {
            slots.add(new ArrayList<>());
        }
        int[] count = {0};
        Consumer<CloudTrailEvent> keep = e -> {
            long s = e.time().getEpochSecond();
            if (s >= from.getEpochSecond() && s < to.getEpochSecond() && !e.time().isBefore(OrgCalendar.START)) {
                int window = (int) ((s - from.getEpochSecond()) / 300);
                slots.get(Org.pair(e.recipientAccountId(), e.region()) * OrgCalendar.WINDOWS_PER_DAY + window)
                        .add(new Placed(s, e.json()));
                count[0]++;
            }
        };
        for (Traffic t : org.allTraffic()) {
            t.starts(from.minusSeconds(3600), to, keep);
        }
        for (int prev = Math.max(0, d - 1); prev <= d; prev++) {
            for (Episodes e : episodes) {
                e.day(prev, keep);
            }
        }
        incident.events().forEach(keep);
        for (List<Placed> slot : slots) {
            slot.sort(Comparator.comparingLong(Placed::second)); // stable: same-second records keep their order
        }
        return new DayPlan(slots, count[0]);
    }
}
