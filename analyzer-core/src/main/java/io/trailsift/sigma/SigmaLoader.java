package io.trailsift.sigma;

import io.trailsift.detect.Rule;
import io.trailsift.detect.RuleLoader;
import io.trailsift.detect.RuleProblem;
import io.trailsift.detect.RuleSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads Sigma rules as trailsift rules: files and folders a user names (folders are walked to
 * the bottom, since Sigma repositories nest their rules by platform and service) and the packs
 * shipped in {@code sigma/<pack>/}. A rule that cannot run becomes a {@link RuleProblem} with its
 * reason; the others load. A rule that a correlation refers to runs only as part of it, unless
 * the correlation says {@code generate: true}. Each rule's id is its file name without the
 * extension (with the document's name or number after a colon when a file holds several rules
 * that run).
 */
public final class SigmaLoader {
    /** The SigmaHQ AWS CloudTrail rules, shipped unchanged. */
    public static final String SIGMAHQ = "sigmahq";

    private SigmaLoader() {
    }

    /** The Sigma rules of these files and folders. */
    public static RuleSet load(List<Path> paths) {
        Map<String, String> texts = new LinkedHashMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (Path p : paths) {
            for (Path f : files(p, problems)) {
                try {
                    texts.put(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    problems.add(new RuleProblem(f.toString(), "cannot read: " + e.getMessage()));
                }
            }
        }
        return compile(texts, problems);
    }

    /** A pack shipped with trailsift, by name; an unknown name is refused. */
    public static RuleSet pack(String name) {
        if (!name.equals(SIGMAHQ)) {
            throw new IllegalArgumentException("no rule pack named '" + name + "' (packs: " + SIGMAHQ + ")");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        String index = resource("sigma/" + name + "/index.txt");
        for (String file : index.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            texts.put("sigma/" + name + "/" + file, resource("sigma/" + name + "/" + file));
        }
        return compile(texts, new ArrayList<>());
    }

    private static RuleSet compile(Map<String, String> texts, List<RuleProblem> problems) {
        List<SigmaRule> all = new ArrayList<>();
        Map<String, List<SigmaRule>> byFile = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : texts.entrySet()) {
            for (SigmaReader.Outcome o : SigmaReader.read(t.getKey(), t.getValue())) {
                o.problem().ifPresent(p -> problems.add(new RuleProblem(o.source(), p)));
                o.rule().ifPresent(r -> {
                    all.add(r);
                    byFile.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(r);
                });
            }
        }
        RuleIndex index = new RuleIndex(all);
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, List<SigmaRule>> f : byFile.entrySet()) {
            List<SigmaRule> running = f.getValue().stream().filter(r -> !index.onlyPartOfCorrelation(r)).toList();
            for (int i = 0; i < running.size(); i++) {
                SigmaRule r = running.get(i);
                String id = stem(f.getKey()) + (running.size() == 1 ? "" : ":" + r.name().orElse(String.valueOf(i + 1)));
                Optional<Rule> clash = rules.stream().filter(x -> x.id().equals(id)).findFirst();
                try {
                    if (clash.isPresent()) {
                        throw new SigmaException("rule id '" + id + "' is already defined by " + clash.get().source());
                    }
                    rules.add(SigmaCompiler.compile(id, r, index));
                } catch (SigmaException e) {
                    problems.add(new RuleProblem(r.source(), e.getMessage()));
                }
            }
        }
        return new RuleSet(rules, problems);
    }

    private static String stem(String source) {
        String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        return name.replaceFirst("\\.ya?ml$", "");
    }

    private static List<Path> files(Path p, List<RuleProblem> problems) {
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (!Files.isDirectory(p)) {
            problems.add(new RuleProblem(p.toString(), "no such file or folder"));
            return List.of();
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            problems.add(new RuleProblem(p.toString(), "cannot list folder: " + e.getMessage()));
            return List.of();
        }
    }

    private static String resource(String name) {
        return RuleLoader.readResource(name);
    }
}
