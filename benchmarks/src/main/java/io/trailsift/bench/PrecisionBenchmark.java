package io.trailsift.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How precise the rule pack is on a benign-heavy corpus with one planted incident
 * ({@code GenerateCorpus --profile org}): ingests {@code CORPUS/AWSLogs} into a fresh store in
 * WORKDIR and runs {@code hunt --format jsonl}, both through the launcher as a responder would
 * (run from the repository root, after {@code mvn -B -DskipTests package}), then reads the findings
 * against {@code CORPUS/answer-key.json} and prints: per rule, its findings, how many are high or
 * critical and how many hold an incident event; the findings that hold none (benign) per million
 * benign events, against the targets; for each step of the incident, the rules (other than
 * offensive-user-agent, which the incident does not trip on purpose) whose findings hold one of
 * its events; the hunt's wall time and peak memory against the targets. A target missed is
 * printed MISSED. The exit code is 0 whatever the numbers: it measures, it does not judge.
 * Usage: {@code PrecisionBenchmark CORPUS WORKDIR}. The findings stay in WORKDIR/findings.jsonl.
 */
public final class PrecisionBenchmark {
    static final double MAX_BENIGN_PER_MILLION = 50;
    static final double MAX_BENIGN_HIGH_PER_MILLION = 5;
    static final double MAX_HUNT_SECONDS = 30;
    static final long MAX_HUNT_RSS_BYTES = 1_500_000_000L;
    private static final String USER_AGENT_RULE = "offensive-user-agent";

    private PrecisionBenchmark() {
    }

    /** One finding, as much of it as the measure needs. */
    record Finding(String rule, String severity, Set<String> eventIds) {
        boolean high() {
            return severity.equals("high") || severity.equals("critical");
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: PrecisionBenchmark CORPUS WORKDIR (from the repository root)");
            System.exit(2);
        }
        Path corpus = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(work);
        Path db = work.resolve("trailsift.duckdb");
        Files.deleteIfExists(db);
        Files.deleteIfExists(work.resolve("trailsift.duckdb.wal"));
        ObjectMapper json = new ObjectMapper();
        JsonNode key = json.readTree(corpus.resolve("answer-key.json").toFile());

        MeasuredProcess ingest = MeasuredProcess.run(List.of("./trailsift", "ingest", corpus.resolve("AWSLogs").toString(),
                "--db", db.toString()), Path.of("."));
        System.out.printf(Locale.ROOT, "ingest: exit %d, %.1f s wall, %.1f s CPU, peak RSS %.0f MB%n", ingest.exitCode(),
                ingest.seconds(), ingest.cpuSeconds(), ingest.peakRssBytes() / 1e6);
        MeasuredProcess hunt = MeasuredProcess.run(List.of("./trailsift", "hunt", "--format", "jsonl", "--db", db.toString()),
                Path.of("."));
        Files.writeString(work.resolve("findings.jsonl"), hunt.stdout(), StandardCharsets.UTF_8);
        List<Finding> findings = new ArrayList<>();
        for (String line : hunt.stdout().split("\n")) {
            if (!line.isBlank()) {
                JsonNode f = json.readTree(line);
                Set<String> ids = new HashSet<>();
                f.get("event_ids").forEach(id -> ids.add(id.asText()));
                findings.add(new Finding(f.get("rule").asText(), f.get("severity").asText(), ids));
            }
        }
        System.out.printf(Locale.ROOT, "hunt: exit %d, %d findings%n%n", hunt.exitCode(), findings.size());
        report(key, findings, hunt);
    }

    static void report(JsonNode key, List<Finding> findings, MeasuredProcess hunt) {
        Set<String> incident = new HashSet<>();
        key.get("steps").forEach(s -> s.get("event_ids").forEach(id -> incident.add(id.asText())));
        long benignEvents = key.get("events_benign").asLong();
        System.out.printf(Locale.ROOT, "corpus: %d events (%d benign, %d incident), seed %d, %d days%n%n",
                key.get("events_total").asLong(), benignEvents, incident.size(), key.get("corpus").get("seed").asLong(),
                key.get("corpus").get("span").get("days").asInt());

        Map<String, int[]> perRule = new TreeMap<>(); // findings, high or critical, holding an incident event
        long benign = 0;
        long benignHigh = 0;
        for (Finding f : findings) {
            int[] c = perRule.computeIfAbsent(f.rule(), r -> new int[3]);
            c[0]++;
            c[1] += f.high() ? 1 : 0;
            boolean attack = f.eventIds().stream().anyMatch(incident::contains);
            c[2] += attack ? 1 : 0;
            if (!attack) {
                benign++;
                benignHigh += f.high() ? 1 : 0;
            }
        }
        System.out.printf("%-40s %9s %14s %9s%n", "rule", "findings", "high/critical", "incident");
        perRule.forEach((rule, c) -> System.out.printf("%-40s %9d %14d %9d%n", rule, c[0], c[1], c[2]));

        double million = benignEvents / 1e6;
        double all = benign / million;
        double high = benignHigh / million;
        System.out.printf(Locale.ROOT, "%nbenign findings (no incident event): %d, %.1f per million benign events (target <= %.0f)%s%n",
                benign, all, MAX_BENIGN_PER_MILLION, all > MAX_BENIGN_PER_MILLION ? "   MISSED" : "");
        System.out.printf(Locale.ROOT, "benign high/critical findings: %d, %.1f per million benign events (target <= %.0f)%s%n%n",
                benignHigh, high, MAX_BENIGN_HIGH_PER_MILLION, high > MAX_BENIGN_HIGH_PER_MILLION ? "   MISSED" : "");

        Map<String, Set<String>> rulesByEvent = new HashMap<>();
        for (Finding f : findings) {
            if (!f.rule().equals(USER_AGENT_RULE)) {
                for (String id : f.eventIds()) {
                    rulesByEvent.computeIfAbsent(id, i -> new TreeSet<>()).add(f.rule());
                }
            }
        }
        System.out.println("incident steps (found by a rule other than " + USER_AGENT_RULE + "):");
        for (JsonNode step : key.get("steps")) {
            Set<String> rules = new TreeSet<>();
            step.get("event_ids").forEach(id -> rules.addAll(rulesByEvent.getOrDefault(id.asText(), Set.of())));
            String name = step.get("name").asText() + " (" + step.get("event_ids").size() + " events, "
                    + step.get("credential").asText() + ")";
            System.out.printf("  %-62s %s%n", name, rules.isEmpty() ? "MISSED step" : String.join(", ", rules));
        }

        System.out.printf(Locale.ROOT, "%nhunt wall time: %.1f s (target <= %.0f s)%s%n", hunt.seconds(), MAX_HUNT_SECONDS,
                hunt.seconds() > MAX_HUNT_SECONDS ? "   MISSED" : "");
        System.out.printf(Locale.ROOT, "hunt peak RSS: %.2f GB (target <= %.1f GB)%s%n", hunt.peakRssBytes() / 1e9,
                MAX_HUNT_RSS_BYTES / 1e9, hunt.peakRssBytes() > MAX_HUNT_RSS_BYTES ? "   MISSED" : "");
    }
}
