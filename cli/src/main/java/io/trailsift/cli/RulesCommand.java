package io.trailsift.cli;

import io.trailsift.detect.Rule;
import io.trailsift.detect.RuleSet;
import io.trailsift.report.RowSet;
import io.trailsift.report.RowWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "rules", description = "List the loaded detection rules (shipped, plus --rules DIR).")
final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        RuleSet set = rules.load(spec.commandLine().getErr());
        List<List<Object>> rows = new ArrayList<>();
        for (Rule r : set.rules()) {
            rows.add(List.of(r.id(), r.severity().label(), r.attack(), r.title(), r.source()));
        }
        RowWriter.write(new RowSet(List.of("id", "severity", "attack", "title", "source"), rows), format.resolve(),
                spec.commandLine().getOut());
        return set.problems().isEmpty() ? Main.OK : Main.DAMAGED_OR_FINDINGS;
    }
}
