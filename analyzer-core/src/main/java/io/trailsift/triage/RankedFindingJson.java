package io.trailsift.triage;

import io.trailsift.detect.Finding;
import io.trailsift.detect.FindingJson;

import java.util.ArrayList;
import java.util.List;

/**
 * The Finding shape of {@link FindingJson}, every field exactly as there, with two fields added at
 * the end: {@code "score"} (the score of the entity the finding ranks under) and {@code "entity"}
 * (that entity: the role, principal ARN or access key id; see {@link Triage}).
 */
public final class RankedFindingJson {
    /** The fields, in order. */
    public static final List<String> FIELDS = List.copyOf(with(FindingJson.FIELDS, "score", "entity"));

    private RankedFindingJson() {
    }

    /** The values of {@link #FIELDS} for one finding of {@code ranking}, as {@code JsonFields#value} writes them. */
    public static List<Object> values(Finding f, Ranking ranking) {
        RankedEntity e = ranking.of(f);
        return with(FindingJson.values(f), (long) e.score(), e.entity());
    }

    @SafeVarargs
    private static <T> List<T> with(List<T> list, T... more) {
        List<T> out = new ArrayList<>(list);
        out.addAll(List.of(more));
        return out;
    }
}
