package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.detect.HuntResult;
import io.trailsift.detect.RuleSet;
import io.trailsift.ingest.IngestListener;
import io.trailsift.ingest.IngestOptions;
import io.trailsift.ingest.IngestSummary;
import io.trailsift.investigate.Investigation;
import io.trailsift.render.InvestigationDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "investigate",
        description = "The 4 a.m. command: ingest (reusing the store), hunt, and the full story of one access key: "
                + "normal behaviour, lineage, timeline, findings, changes made and a containment checklist.")
final class InvestigateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    RulesOption rules;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders or archives to read (already read ones are skipped).")
    List<Path> paths;

    @Option(names = "--key", required = true, paramLabel = "ACCESS_KEY_ID", description = "The key AWS says was exposed.")
    String key;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the report as Markdown to FILE (.md).")
    Path out;

    @Override
    public Integer call() throws Exception {
        for (Path p : paths) {
            if (!Files.isReadable(p)) {
                throw new ParameterException(spec.commandLine(), "no such readable file or folder: " + p);
            }
        }
        if (out != null && !out.getFileName().toString().endsWith(".md")) {
            throw new ParameterException(spec.commandLine(), "--out: only Markdown (.md) reports for now");
        }
        PrintWriter err = spec.commandLine().getErr();
        IngestSummary ingested;
        Investigation inv;
        try (Case c = store.open()) {
            ingested = c.ingest(IngestOptions.defaults(paths), IngestListener.NONE);
            err.printf("ingest: %d objects, %d events read, %d new, %d damaged objects%n", ingested.objects(),
                    ingested.eventsRead(), ingested.eventsStored(), ingested.damagedObjects().size());
            RuleSet loaded = rules.load(err);
            HuntResult hunt = c.hunt(loaded.rules());
            RulesOption.report(hunt.problems(), err);
            inv = c.investigate(key, hunt.findings(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
        if (inv.lineage().nodes().stream().allMatch(n -> n.activity().events() == 0)) {
            throw new ParameterException(spec.commandLine(), "no event in the store was made with " + key
                    + " (check the key, or the inputs and their --since/--account narrowing)");
        }
        InvestigationDocument.text(inv, spec.commandLine().getOut());
        if (out != null) {
            try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                InvestigationDocument.markdown(inv, w);
            }
            err.println("report written to " + out);
        }
        return ingested.damagedObjects().isEmpty() ? Main.OK : Main.DAMAGED_OR_FINDINGS;
    }
}
