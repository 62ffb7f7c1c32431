package io.trailsift.spark;

import io.trailsift.Case;
import io.trailsift.detect.RuleProblem;
import io.trailsift.detect.RuleSet;
import io.trailsift.render.FindingTables;
import io.trailsift.render.Screen;
import io.trailsift.render.TableFormat;
import io.trailsift.triage.Ranking;
import io.trailsift.triage.Triage;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code hunt --lake DIR --out FILE [--rules DIR] [--sigma PATH...] [--pack NAME]}: the rules of
 * the CLI's {@code hunt} (shipped pack, a folder of the user's, Sigma files and packs) run with
 * Spark SQL over a lake, the findings written to FILE (any Hadoop path) as {@code hunt --format
 * jsonl} writes them: ranked by triage, one JSON object per line. A rule that cannot run on Spark
 * is named on stderr with its reason and counted in the summary line.
 */
final class SparkHunt {
    static final int OK = 0;
    /** As the CLI: rule files that did not load. */
    static final int BROKEN_RULES = 1;
    static final int USAGE = 2;

    private SparkHunt() {
    }

    /** What the command line asks for. */
    record Options(String lake, String out, Optional<java.nio.file.Path> rules, List<java.nio.file.Path> sigma,
                   List<String> packs) {
        static Options parse(String[] args) {
            String lake = null;
            String out = null;
            java.nio.file.Path rules = null;
            List<java.nio.file.Path> sigma = new ArrayList<>();
            List<String> packs = new ArrayList<>();
            String option = null;
            for (String a : args) {
                if (a.startsWith("--")) {
                    option = a;
                    if (!List.of("--lake", "--out", "--rules", "--sigma", "--pack").contains(a)) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    continue;
                }
                if (option == null) {
                    throw new IllegalArgumentException("unexpected argument " + a);
                }
                switch (option) {
                    case "--lake" -> lake = a;
                    case "--out" -> out = a;
                    case "--rules" -> rules = java.nio.file.Path.of(a);
                    case "--sigma" -> sigma.add(java.nio.file.Path.of(a));
                    default -> packs.add(a);
                }
                if (!option.equals("--sigma")) {
                    option = null;
                }
            }
            if (lake == null || out == null) {
                throw new IllegalArgumentException("--lake DIR and --out FILE are required");
            }
            return new Options(lake, out, Optional.ofNullable(rules), sigma, packs);
        }
    }

    static int run(SparkSession spark, String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("trailsift-spark hunt: " + e.getMessage()
                    + "\nusage: hunt --lake DIR --out FILE [--rules DIR] [--sigma PATH...] [--pack NAME]");
            return USAGE;
        }
        RuleSet loaded = Case.rules(options.rules(), options.sigma(), options.packs());
        for (RuleProblem p : loaded.problems()) {
            System.err.println("trailsift-spark hunt: " + p.source() + ": " + p.message());
        }
        Hunt hunt = hunt(spark, options.lake(), loaded);
        write(spark, hunt.ranking(), options.out());
        report(hunt.result(), options.out(), System.err);
        return loaded.problems().isEmpty() ? OK : BROKEN_RULES;
    }

    /** The findings of a run, ranked as the CLI ranks them. */
    record Hunt(SparkDetector.Result result, Ranking ranking) {
    }

    static Hunt hunt(SparkSession spark, String lakePath, RuleSet rules) {
        // DuckDB reads string literals as written; the rules' regular expressions rely on it
        spark.conf().set("spark.sql.parser.escapedStringLiterals", "true");
        // Times are UTC in CloudTrail and in the store: the rules' days (strftime in group keys),
        // hours and the derived tables' plain timestamps mean what they mean on DuckDB only in UTC,
        // whatever zone the cluster's sessions default to.
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        SparkLake lake = SparkLake.open(spark, lakePath);
        SparkDetector.Result result = SparkDetector.run(spark, lake, rules.rules());
        return new Hunt(result, Triage.rank(result.findings(), new SparkNovelty(spark, lake.derivedCurrent())));
    }

    /** Writes the ranked findings to {@code out} (a Hadoop path) as {@code hunt --format jsonl} does. */
    static void write(SparkSession spark, Ranking ranking, String out) {
        Path path = new Path(out);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (Writer w = new OutputStreamWriter(fs.create(path, true), StandardCharsets.UTF_8)) {
                FindingTables.write(ranking, TableFormat.JSONL, true, Screen.UNLIMITED, w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing findings to " + out, e);
        }
    }

    static void report(SparkDetector.Result result, String out, PrintStream err) {
        for (SparkDetector.Skipped s : result.skipped()) {
            err.println("trailsift-spark hunt: rule '" + s.rule() + "' skipped on Spark: " + s.reason());
        }
        err.println("trailsift-spark hunt: " + result.ran().size() + " rules ran on Spark, " + result.skipped().size()
                + " skipped" + (result.skipped().isEmpty() ? "" : " (" + String.join(", ",
                result.skipped().stream().map(SparkDetector.Skipped::rule).toList()) + ")")
                + "; " + result.findings().size() + " findings written to " + out);
    }
}
