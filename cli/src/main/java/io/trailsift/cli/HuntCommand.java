package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.detect.Finding;
import io.trailsift.detect.HuntResult;
import io.trailsift.detect.RuleSet;
import io.trailsift.detect.Severity;
import io.trailsift.render.FindingTables;
import io.trailsift.render.Notice;
import io.trailsift.render.TableFormat;
import io.trailsift.render.Timesketch;
import io.trailsift.triage.Ranking;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "hunt", description = "Run the detection rules over the store, keep the findings in the store and print "
        + "them: for people, the principals and credentials they are about, highest triage score first, with their "
        + "findings folded by rule; for programs (json, jsonl, csv), every finding with its entity and score; "
        + "--format timesketch: JSONL for Timesketch's importer, each finding tagged with its rule and severity.")
final class HuntCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    FormatOption format;

    @Mixin
    NowOption now;

    @Mixin
    RulesOption rules;

    @Option(names = "--only", paramLabel = "ID", split = ",", description = "Run only these rules (repeatable).")
    List<String> only = List.of();

    @Option(names = "--min-severity", paramLabel = "SEVERITY",
            description = "Print findings at or above this severity: info, low, medium, high, critical (default: info).")
    String minSeverity;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when a printed finding reaches this severity.")
    String failOn;

    @Option(names = "--baseline-until", paramLabel = "TIME",
            description = "Judge \"new for this principal\" against what each principal did before TIME (UTC, or relative to the "
                    + "store's newest event: 30d), "
                    + "a time known to be before the incident. Default: against what it did before each event, "
                    + "once it has 7 days of history.")
    String baselineUntil;

    @Option(names = "--all", description = "In table and md, list every finding instead of the ranked principals.")
    boolean all;

    @Option(names = "--summary", description = "Counts instead of findings: per rule, and per principal or credential "
            + "as triage ranks them.")
    boolean summary;

    @Override
    public Integer call() throws Exception {
        Severity min = severity(minSeverity, "--min-severity").orElse(Severity.INFO);
        Optional<Severity> fail = severity(failOn, "--fail-on");
        boolean timesketch = Timesketchable.asked(format);
        TableFormat f = timesketch ? TableFormat.JSONL : format.resolve();
        PrintWriter err = spec.commandLine().getErr();
        RuleSet loaded = rules.load(err);
        List<String> unknown = loaded.unknown(only);
        if (!unknown.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--only: no loaded rule has id " + String.join(", ", unknown)
                    + " (see `trailsift rules`)");
        }
        RuleSet chosen = loaded.only(only);
        HuntResult result;
        Ranking ranked;
        try (Case c = store.open()) {
            StoreOption.warnIfUnfinished(c, err);
            if (c.eventCount() == 0) {
                Notice.print(err, "warning: " + store.db + " holds no events: nothing to hunt in (run `trailsift ingest` first)");
            }
            result = c.hunt(chosen.rules(),
                    Optional.ofNullable(baselineUntil).map(t -> TimeArgument.parse(t, now.of(c))));
            ranked = c.triage(result.findings().stream().filter(x -> x.severity().atLeast(min)).toList());
        }
        List<Finding> shown = ranked.findings();
        if (timesketch) {
            Timesketch.findings(shown, spec.commandLine().getOut());
        } else if (summary) {
            FindingTables.summary(ranked, f, format.screen(), spec.commandLine().getOut());
        } else {
            FindingTables.write(ranked, f, all, format.screen(), spec.commandLine().getOut());
        }
        RulesOption.report(result.problems(), err);
        boolean failed = fail.isPresent() && shown.stream().anyMatch(x -> x.severity().atLeast(fail.get()));
        boolean broken = !loaded.problems().isEmpty() || !result.problems().isEmpty();
        return failed || broken ? Main.DAMAGED_OR_FINDINGS : Main.OK;
    }

    private Optional<Severity> severity(String text, String option) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Severity.parse(text));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
