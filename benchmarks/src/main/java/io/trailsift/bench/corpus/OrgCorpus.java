package io.trailsift.bench.corpus;

import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Ids;
import io.trailsift.testkit.Json;
import io.trailsift.testkit.TrailLayout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.trailsift.testkit.Json.obj;

/**
 * The {@code org} profile of GenerateCorpus: a benign-heavy organisation trail of 30 days with one
 * planted incident, and its answer key. The events asked for are shared out over the days (weekends
 * lighter), each day's scheduled events ({@link DayPlan}) are placed first, and the rest of the
 * day's share is bulk traffic spread over its windows by account, region and hour. Each object is
 * one account/region/5-minute window; its bulk records come from a seed of its own, so the bytes do
 * not depend on the thread count, and at most one day's scheduled records plus two objects per
 * thread are in memory.
 */
final class OrgCorpus {
    static final String ANSWER_KEY = "answer-key.json";
    private static final TrailLayout LAYOUT = new TrailLayout(Org.ORG_ID);

    private final long events;
    private final long seed;
    private final Org org;
    private final Incident incident;
    private final List<DayPlan.Episodes> episodes;
    private final Traffic[][] traffic;
    private final double[][] cumulative;

    OrgCorpus(long events, long seed) {
        this.events = events;
        this.seed = seed;
        this.org = new Org(seed, Scale.of(events));
        this.incident = new Incident(org);
        this.episodes = List.of(new SecurityScanner(org)::day, new People(org)::day, new GitHubDeploys(org)::day,
                new TerraformPipeline(org)::day, new ScheduledJobs(org)::day);
        this.traffic = new Traffic[Org.pairs()][];
        this.cumulative = new double[Org.pairs()][];
        for (int p = 0; p < Org.pairs(); p++) {
            traffic[p] = org.traffic(p).toArray(new Traffic[0]);
            cumulative[p] = new double[traffic[p].length];
            double sum = 0;
            for (int i = 0; i < traffic[p].length; i++) {
                sum += traffic[p][i].weight();
                cumulative[p][i] = sum;
            }
        }
    }

    static GenerateCorpus.Result write(Path out, long events, long seed, int threads) throws Exception {
        return new OrgCorpus(events, seed).write(out, threads);
    }

    private GenerateCorpus.Result write(Path out, int threads) throws Exception {
        long began = System.nanoTime(); // elapsed time for the report only; the output never sees a clock
        double[] dayWeights = new double[OrgCalendar.DAYS];
        for (int d = 0; d < dayWeights.length; d++) {
            dayWeights[d] = OrgCalendar.dayWeight(d);
        }
        long[] perDay = allocate(events, dayWeights);
        AtomicLong json = new AtomicLong();
        AtomicLong gz = new AtomicLong();
        AtomicLong objects = new AtomicLong();
        try (ObjectQueue queue = new ObjectQueue(threads)) {
            for (int d = 0; d < OrgCalendar.DAYS; d++) {
                DayPlan plan = DayPlan.of(d, org, episodes, incident);
                long bulk = perDay[d] - plan.count();
                if (bulk < 0) {
                    throw new IllegalArgumentException("--events " + events + " is too few for the org profile: day " + d
                            + " alone has " + plan.count() + " scheduled events; ask for about "
                            + (plan.count() * OrgCalendar.DAYS * 2) + " or more");
                }
                long[] fill = allocate(bulk, windowWeights(d));
                for (int slot = 0; slot < fill.length; slot++) {
                    int day = d;
                    int pair = slot / OrgCalendar.WINDOWS_PER_DAY;
                    int window = slot % OrgCalendar.WINDOWS_PER_DAY;
                    int n = (int) fill[slot];
                    if (n == 0 && plan.slot(pair, window).isEmpty()) {
                        continue; // CloudTrail delivers no object for a window without events
                    }
                    objects.incrementAndGet();
                    queue.submit(() -> writeObject(out, plan, day, pair, window, n, json, gz));
                }
            }
            queue.finish();
        }
        Files.writeString(out.resolve(ANSWER_KEY), answerKey(), StandardCharsets.UTF_8);
        return new GenerateCorpus.Result((int) objects.get(), events, json.get(), gz.get(), (System.nanoTime() - began) / 1e9);
    }

    /**
     * How a day's bulk traffic spreads over its account/region windows: by the pair's share, the
     * hour, and a fixed jitter per window (traffic is never smooth).
     */
    private double[] windowWeights(int d) {
        double[] w = new double[Org.pairs() * OrgCalendar.WINDOWS_PER_DAY];
        for (int p = 0; p < Org.pairs(); p++) {
            for (int window = 0; window < OrgCalendar.WINDOWS_PER_DAY; window++) {
                double jitter = 0.7 + Seeds.below(600, seed, "window", d, p, window) / 1000.0;
                w[p * OrgCalendar.WINDOWS_PER_DAY + window] = Org.pairWeight(p) * OrgCalendar.hourWeight(window) * jitter;
            }
        }
        return w;
    }

    /** Shares {@code total} out in proportion to the weights, in whole numbers that add up to it exactly. */
    static long[] allocate(long total, double[] weights) {
        double sum = Arrays.stream(weights).sum();
        long[] out = new long[weights.length];
        double running = 0;
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            running += weights[i];
            long upTo = i == weights.length - 1 ? total : Math.round(total * (running / sum));
            out[i] = upTo - given;
            given = upTo;
        }
        return out;
    }

    private void writeObject(Path out, DayPlan plan, int d, int pair, int window, int bulk, AtomicLong json,
                             AtomicLong gz) {
        Ids ids = Seeds.ids(seed, "object", d, pair, window);
        String suffix = ids.alnum(16);
        Instant start = OrgCalendar.day(d).plusSeconds(300L * window);
        int[] offsets = new int[bulk];
        for (int i = 0; i < bulk; i++) {
            offsets[i] = ids.random().nextInt(300);
        }
        Arrays.sort(offsets);
        List<DayPlan.Placed> scheduled = plan.slot(pair, window);
        StringBuilder sb = new StringBuilder((bulk + scheduled.size()) * 1600).append("{\"Records\":[");
        int s = 0;
        boolean first = true;
        for (int i = 0; i <= bulk; i++) {
            long second = i < bulk ? start.getEpochSecond() + offsets[i] : Long.MAX_VALUE;
            while (s < scheduled.size() && scheduled.get(s).second() <= second) {
                first = comma(sb, first);
                sb.append(scheduled.get(s++).json());
            }
            if (i < bulk) {
                first = comma(sb, first);
                bulkCall(pair, ids, Instant.ofEpochSecond(second)).appendTo(sb);
            }
        }
        byte[] content = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        String account = Org.ACCOUNTS.get(pair / Org.REGIONS.size());
        String region = Org.REGIONS.get(pair % Org.REGIONS.size());
        GenerateCorpus.writeGzipped(out.resolve(LAYOUT.logKey(account, region, start.plusSeconds(300), suffix)), content,
                json, gz);
    }

    private static boolean comma(StringBuilder sb, boolean first) {
        if (!first) {
            sb.append(',');
        }
        return false;
    }

    /** One bulk call of the pair's traffic, picked by weight; AWS services stand in for a workload not yet started. */
    private CloudTrailEvent bulkCall(int pair, Ids ids, Instant t) {
        double r = ids.random().nextDouble() * cumulative[pair][cumulative[pair].length - 1];
        int i = 0;
        while (cumulative[pair][i] < r) {
            i++;
        }
        CloudTrailEvent e = traffic[pair][i].call(ids, t);
        for (int k = 0; e == null; k++) {
            Traffic fallback = traffic[pair][(i + 1 + k) % traffic[pair].length];
            e = fallback instanceof ServiceTraffic ? fallback.call(ids, t) : null;
        }
        return e;
    }

    private String answerKey() {
        List<Object> steps = new ArrayList<>();
        long incidentEvents = 0;
        for (Incident.Step s : incident.steps) {
            steps.add(obj("name", s.name(), "description", s.description(), "credential", s.credential(),
                    "event_ids", s.events().stream().map(CloudTrailEvent::eventId).toList()));
            incidentEvents += s.events().size();
        }
        return Json.pretty(obj(
                "profile", "org",
                "corpus", obj("events", events, "seed", seed, "organization", Org.ORG_ID, "accounts", obj(
                                "security", Org.SECURITY, "prod", Org.PROD, "dev", Org.DEV),
                        "regions", Org.REGIONS, "span", obj("start", OrgCalendar.START.toString(),
                                "end", OrgCalendar.END.toString(), "days", OrgCalendar.DAYS)),
                "events_total", events,
                "events_incident", incidentEvents,
                "events_benign", events - incidentEvents,
                "attacker_ips", List.of(Incident.ATTACKER_IP),
                "attacker_credentials", incident.credentials,
                "steps", steps));
    }
}
