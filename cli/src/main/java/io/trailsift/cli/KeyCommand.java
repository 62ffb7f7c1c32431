package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.lineage.Lineage;
import io.trailsift.render.LineageFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

    @Mixin
    Display display;

    @Option(names = "--up", description = "Show the ancestors of the key (oldest first) instead of its descendants.")
    boolean up;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default; also: table), json (also: jsonl), dot (Graphviz) or mermaid")
    String format;

    @Override
    public Integer call() throws Exception {
        LineageFormat f;
        try {
            f = LineageFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String id = AccessKeyArgument.parse(spec, "ACCESS_KEY_ID", key);
        Lineage lineage;
        try (Case c = store.openReadOnly(spec.commandLine().getErr(), display.storeOptions(f == LineageFormat.TEXT))) {
            lineage = up ? c.ancestors(id) : c.lineage(id);
            if (lineage.nodes().size() == 1 && lineage.nodes().get(0).activity().events() == 0
                    && lineage.nodes().get(0).origin().isEmpty()) {
                NotFound.report(spec.commandLine().getErr(), id + " does not appear in " + store.db,
                        c.nearest(Case.NameKind.ACCESS_KEY, id));
                return Main.NOT_FOUND;
            }
        }
        f.write(lineage, display.screen(f == LineageFormat.TEXT), spec.commandLine().getOut());
        return Main.OK;
    }
}
