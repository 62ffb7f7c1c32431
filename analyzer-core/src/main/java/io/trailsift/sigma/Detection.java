package io.trailsift.sigma;

import java.util.List;
import java.util.Map;

/**
 * A rule's {@code detection}: its search identifiers, each a list of alternatives (a map is one
 * alternative, a list of maps several) whose field tests must all hold, and the condition over them.
 */
public record Detection(Map<String, List<List<FieldTest>>> selections, Condition condition) {
    public Detection {
        selections = Map.copyOf(selections);
    }
}
