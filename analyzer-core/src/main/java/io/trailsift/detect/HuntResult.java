package io.trailsift.detect;

import java.util.List;

/** The findings of one run, the ids of the rules that ran (whose stored findings they replace), and the rules that failed. */
public record HuntResult(List<Finding> findings, List<String> rulesRun, List<RuleProblem> problems) {
    public HuntResult {
        findings = List.copyOf(findings);
        rulesRun = List.copyOf(rulesRun);
        problems = List.copyOf(problems);
    }
}
