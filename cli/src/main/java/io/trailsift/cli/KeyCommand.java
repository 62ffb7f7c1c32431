package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.lineage.Lineage;
import io.trailsift.lineage.LineageJson;
import io.trailsift.render.LineageDiagram;
import io.trailsift.render.LineageText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "key", description = "Credential lineage: every role session, session token and access key the key "
        + "issued (transitively, across accounts) and what each one did; --up shows where the key came from.")
final class KeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Parameters(index = "0", paramLabel = "ACCESS_KEY_ID", description = "An AKIA... or ASIA... key id.")
    String key;

    @Option(names = "--up", description = "Show the ancestors of the key (oldest first) instead of its descendants.")
    boolean up;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, dot (Graphviz) or mermaid")
    String format;

    @Override
    public Integer call() throws Exception {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("text") && !f.equals("json") && !f.equals("dot") && !f.equals("mermaid")) {
            throw new ParameterException(spec.commandLine(), "unknown format '" + format + "' (text, json, dot, mermaid)");
        }
        Lineage lineage;
        try (Case c = store.openReadOnly()) {
            lineage = up ? c.ancestors(key.strip()) : c.lineage(key.strip());
        }
        if (lineage.nodes().size() == 1 && lineage.nodes().get(0).activity().events() == 0
                && lineage.nodes().get(0).origin().isEmpty()) {
            spec.commandLine().getErr().println("trailsift: " + key.strip() + " does not appear in " + store.db);
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (f) {
            case "json" -> LineageJson.write(lineage, out);
            case "dot" -> LineageDiagram.write(lineage, LineageDiagram.Style.DOT, out);
            case "mermaid" -> LineageDiagram.write(lineage, LineageDiagram.Style.MERMAID, out);
            default -> LineageText.write(lineage, out);
        }
        return Main.OK;
    }
}
