package io.trailsift.cli;

import io.trailsift.detect.Rule;
import io.trailsift.detect.RuleSet;
import io.trailsift.render.RuleTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "show", description = "One rule in full: description, response, references and its SQL.")
final class RulesShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Mixin
    FormatOption format;

    @Parameters(index = "0", paramLabel = "ID", description = "The rule's id (see `trailsift rules`).")
    String id;

    @Override
    public Integer call() {
        RuleSet set = rules.load(spec.commandLine().getErr());
        Optional<Rule> rule = set.rules().stream().filter(r -> r.id().equals(id.strip())).findFirst();
        if (rule.isEmpty()) {
            List<String> near = set.rules().stream().map(Rule::id)
                    .filter(r -> r.contains(id.strip()) || id.strip().contains(r)).limit(3).toList();
            NotFound.report(spec.commandLine().getErr(), "no loaded rule has id " + id.strip(), near);
            return Main.NOT_FOUND;
        }
        RuleTables.writeOne(rule.get(), format.resolve(), spec.commandLine().getOut());
        return Main.OK;
    }
}
