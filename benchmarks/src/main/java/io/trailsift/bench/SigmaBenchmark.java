package io.trailsift.bench;

import io.trailsift.Case;
import io.trailsift.detect.Finding;
import io.trailsift.detect.Rule;
import io.trailsift.detect.RuleSet;
import io.trailsift.sigma.SigmaLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SigmaHQ CloudTrail pack against trailsift's own pack on one store, in one run: compiles the
 * 57 Sigma rules (and prints how long that took), then hunts with each pack in turns on the same
 * read-only store and prints each run's wall time, the medians and their ratio against the goal
 * (the Sigma pack takes at most twice the time of trailsift's), and the findings and evidence
 * events of each Sigma rule that fired. A rule that flags most of the store's events costs the time
 * of turning them all into findings; the pack without such rules (evidence above half the store's
 * events in the first run) is timed as a third contender, labelled as such, to show what the rest costs.
 * Usage: {@code SigmaBenchmark STORE [--runs N]} (default 3).
 */
public final class SigmaBenchmark {
    private static final double GOAL = 2.0;

    private SigmaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int runs = args.length > 2 && args[1].equals("--runs") ? Integer.parseInt(args[2]) : 3;
        long start = System.nanoTime();
        RuleSet sigma = SigmaLoader.pack(SigmaLoader.SIGMAHQ);
        double compile = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "compiled %d SigmaHQ rules in %.3f s (%d not runnable: %s)%n", sigma.rules().size(),
                compile, sigma.problems().size(), sigma.problems());
        List<Rule> own = Case.rules(Optional.empty()).rules();
        double[] ownTimes = new double[runs];
        double[] sigmaTimes = new double[runs];
        double[] quietTimes = new double[runs];
        Map<String, int[]> perRule = new TreeMap<>();
        List<Rule> quiet = List.of();
        long events;
        try (Case c = Case.openReadOnly(db)) {
            events = (Long) c.sql("SELECT count(*) FROM events").rows().get(0).get(0);
            System.out.printf(Locale.ROOT, "store %s: %d events%n", db, events);
            System.out.printf("%-5s %22s %22s %26s%n", "run", "trailsift pack s", "SigmaHQ pack s", "SigmaHQ without noisy s");
            for (int i = 0; i < runs; i++) {
                ownTimes[i] = time(c, own).seconds;
                Timed s = time(c, sigma.rules());
                sigmaTimes[i] = s.seconds;
                if (i == 0) {
                    perRule = evidence(s.findings);
                    Map<String, int[]> counts = perRule;
                    quiet = sigma.rules().stream().filter(r -> counts.getOrDefault(r.id(), new int[2])[1] <= events / 2).toList();
                }
                quietTimes[i] = time(c, quiet).seconds;
                System.out.printf(Locale.ROOT, "%-5d %15.2f (%d rules) %15.2f (%d rules) %19.2f (%d rules)%n", i + 1,
                        ownTimes[i], own.size(), sigmaTimes[i], sigma.rules().size(), quietTimes[i], quiet.size());
            }
        }
        double ratio = median(sigmaTimes) / median(ownTimes);
        System.out.printf(Locale.ROOT, "median: trailsift %.2f s, SigmaHQ %.2f s, ratio %.2f (goal <= %.1f: %s); "
                        + "SigmaHQ without the noisy rules %.2f s, ratio %.2f%n",
                median(ownTimes), median(sigmaTimes), ratio, GOAL, ratio <= GOAL ? "met" : "MISSED", median(quietTimes),
                median(quietTimes) / median(ownTimes));
        System.out.printf("%n%-56s %9s %9s%n", "SigmaHQ rule that fired", "findings", "events");
        perRule.forEach((rule, n) -> System.out.printf("%-56s %9d %9d%n", rule, n[0], n[1]));
    }

    /** Findings and evidence events per rule. */
    private static Map<String, int[]> evidence(List<Finding> findings) {
        Map<String, int[]> perRule = new TreeMap<>();
        for (Finding f : findings) {
            int[] n = perRule.computeIfAbsent(f.rule(), k -> new int[2]);
            n[0]++;
            n[1] += f.eventIds().size();
        }
        return perRule;
    }

    private record Timed(double seconds, List<Finding> findings) {
    }

    /** One hunt with these rules; a read-only case keeps no findings. */
    private static Timed time(Case c, List<Rule> rules) {
        long start = System.nanoTime();
        List<Finding> findings = new ArrayList<>(c.hunt(rules).findings());
        return new Timed((System.nanoTime() - start) / 1e9, findings);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
