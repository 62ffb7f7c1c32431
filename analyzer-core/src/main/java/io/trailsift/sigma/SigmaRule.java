package io.trailsift.sigma;

import java.util.List;
import java.util.Optional;

/**
 * One YAML document of a Sigma file: a detection rule or a correlation rule, with the metadata
 * trailsift shows ({@code source}: the file, and the document's place in it when it holds several).
 */
public record SigmaRule(String source, Optional<String> id, Optional<String> name, String title, String description,
                        Optional<String> level, String status, String author, List<String> tags, List<String> references,
                        List<String> falsePositives, Optional<Detection> detection, Optional<Correlation> correlation) {
    public SigmaRule {
        tags = List.copyOf(tags);
        references = List.copyOf(references);
        falsePositives = List.copyOf(falsePositives);
    }

    /** How other rules may refer to this one: its id and its name. */
    boolean answersTo(String reference) {
        return id.filter(reference::equals).isPresent() || name.filter(reference::equals).isPresent();
    }
}
