package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.detect.HuntResult;
import io.trailsift.detect.RuleSet;
import io.trailsift.investigate.Investigation;
import io.trailsift.render.InvestigationDocument;
import io.trailsift.render.ReportOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code investigate} and {@code report} share: the key, the rules, the case report file
 * ({@code --out}, its format from its extension), the full timeline CSV beside it, and the one
 * screen on stdout.
 */
final class CaseReport {
    @Mixin
    RulesOption rules;

    @Mixin
    Display display;

    @Option(names = "--key", required = true, paramLabel = "ACCESS_KEY_ID", description = "The key AWS says was exposed.")
    String key;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Option(names = "--out", paramLabel = "FILE", description = "Write the full report to FILE: .html (a self-contained "
            + "page), .md or .txt; the lineage's whole timeline goes beside it as FILE.timeline.csv. "
            + "Default: trailsift-report-KEY-TIME.html beside the store.")
    Path out;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "" + ReportOptions.DEFAULT_MAX_ROWS,
            description = "Events of the attacker period the report lists; past N it keeps the first and last "
                    + "and says how many it left out (default: ${DEFAULT-VALUE}).")
    int maxRows;

    enum Format { HTML, MD, TEXT }

    /** The key typed, checked. */
    String key(CommandSpec spec) {
        return AccessKeyArgument.parse(spec, "--key", key);
    }

    /** Hunts (the findings are kept unless the case is read-only) and investigates the key. */
    Investigation investigate(CommandSpec spec, Case c, String k, Instant now) {
        PrintWriter err = spec.commandLine().getErr();
        RuleSet loaded = rules.load(err);
        err.printf("hunt: %d rules...%n", loaded.rules().size());
        err.flush();
        HuntResult hunt = c.hunt(loaded.rules());
        RulesOption.report(hunt.problems(), err);
        Investigation inv = c.investigate(k, hunt.findings(), now);
        if (inv.lineage().nodes().stream().allMatch(n -> n.activity().events() == 0)) {
            throw new ParameterException(spec.commandLine(), "no event in the store was made with " + k
                    + " (check the key, or the inputs and their --since/--account narrowing)");
        }
        return inv;
    }

    /** Where the report goes, checked before any work: the folder must exist and the format be known. */
    Path target(CommandSpec spec, Path store, String key, Instant now) {
        Path file = out != null ? out : Optional.ofNullable(store.toAbsolutePath().getParent()).orElse(Path.of("."))
                .resolve("trailsift-report-" + key + "-" + STAMP.format(now) + ".html");
        format(spec, file);
        Path folder = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
        if (!Files.isDirectory(folder)) {
            throw new ParameterException(spec.commandLine(), "--out: cannot write " + file + ": no such folder " + folder);
        }
        if (Files.isDirectory(file)) {
            throw new ParameterException(spec.commandLine(), "--out: " + file + " is a folder; name the report file");
        }
        if (!Files.isWritable(folder) || Files.exists(file) && !Files.isWritable(file)) {
            throw new ParameterException(spec.commandLine(), "--out: cannot write " + file + ": permission denied");
        }
        if (maxRows < 2) {
            throw new ParameterException(spec.commandLine(), "--max-rows: at least 2");
        }
        return file;
    }

    private static Format format(CommandSpec spec, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return Format.HTML;
        }
        if (name.endsWith(".md")) {
            return Format.MD;
        }
        if (name.endsWith(".txt")) {
            return Format.TEXT;
        }
        throw new ParameterException(spec.commandLine(), "--out: " + file + ": the name must end in .html, .md or .txt");
    }

    /** Writes the report and its timeline CSV, then prints the one screen naming them. */
    void write(CommandSpec spec, Investigation inv, Path file, Path store) throws IOException {
        Path csv = file.resolveSibling(file.getFileName() + ".timeline.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            InvestigationDocument.timelineCsv(inv, w);
        }
        ReportOptions options = new ReportOptions(maxRows, Optional.of(csv.getFileName().toString()),
                Optional.of(store.toString()));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            switch (format(spec, file)) {
                case HTML -> InvestigationDocument.html(inv, options, w);
                case MD -> InvestigationDocument.markdown(inv, options, w);
                case TEXT -> InvestigationDocument.text(inv, options, w);
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        InvestigationDocument.screen(inv, Optional.of(file + " (timeline: " + csv + ")"), display.screen(true), stdout);
    }
}
