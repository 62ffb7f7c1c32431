package io.trailsift.cli;

import io.trailsift.detect.RuleSet;
import io.trailsift.render.RuleTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "rules", subcommands = RulesShowCommand.class,
        description = {"List the loaded detection rules (shipped, plus --rules DIR, --sigma PATH and --pack NAME); "
                + "`rules show ID` prints one in full.",
                "--format md prints the README's rule table, grouped by tactic."})
final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Mixin
    FormatOption format;

    @Option(names = "--show-sql", description = "Add each rule's SQL (a compiled Sigma rule's with its bound values).")
    boolean showSql;

    @Override
    public Integer call() {
        RuleSet set = rules.load(spec.commandLine().getErr());
        RuleTables.write(set.rules(), format.resolve(), showSql, format.screen(), spec.commandLine().getOut());
        return set.problems().isEmpty() ? Main.OK : Main.DAMAGED_OR_FINDINGS;
    }
}
