package io.trailsift.sigma;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A field as a Sigma rule names it: the dotted path of a CloudTrail record's JSON
 * ({@code requestParameters.containerDefinitions.command}). Each name is restricted to the
 * characters JSON keys of CloudTrail use, so that it can be written into a JSON path safely.
 */
public record FieldPath(List<String> names) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_@$:-]+");

    public FieldPath {
        names = List.copyOf(names);
    }

    /** Reads {@code a.b.c}; a name with other characters is refused with the reason. */
    public static FieldPath parse(String dotted) throws SigmaException {
        List<String> names = List.of(dotted.split("\\.", -1));
        for (String n : names) {
            if (!NAME.matcher(n).matches()) {
                throw new SigmaException("field '" + dotted + "': names may hold letters, digits and _@$:- only");
            }
        }
        return new FieldPath(names);
    }

    public String top() {
        return names.get(0);
    }

    public List<String> rest() {
        return names.subList(1, names.size());
    }

    @Override
    public String toString() {
        return String.join(".", names);
    }
}
