package io.trailsift.lineage;

import io.trailsift.store.EventStore;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which key issued which: nodes are access key ids, an edge runs from the key that made a
 * successful AssumeRole*, GetSessionToken, GetFederationToken or CreateAccessKey call to the key
 * that call returned. Every key has at most one parent, so the graph is a forest, except that
 * crafted or inconsistent logs can close a cycle; traversals in {@link LineageTree} stop at keys
 * they have already visited.
 */
public final class LineageGraph {
    private static final Comparator<Origin> BY_TIME =
            Comparator.comparing(Origin::viaTime).thenComparing(Origin::issuedKey);

    private final Map<String, Origin> originByKey = new HashMap<>();
    private final Map<String, List<Origin>> childrenByParent = new HashMap<>();

    LineageGraph(Collection<Origin> edges) {
        for (Origin o : edges) {
            String parent = o.parentKey().orElseThrow(() -> new IllegalArgumentException("not an edge: " + o));
            originByKey.put(o.issuedKey(), o);
            childrenByParent.computeIfAbsent(parent, k -> new ArrayList<>()).add(o);
        }
        childrenByParent.values().forEach(list -> list.sort(BY_TIME));
    }

    /** Loads the edges; reads only the events that returned a key. */
    public static LineageGraph load(EventStore store) throws SQLException {
        return new LineageGraph(Origins.attached(store));
    }

    /** The call that issued this key, when its caller key is known. */
    public Optional<Origin> parentEdge(String key) {
        return Optional.ofNullable(originByKey.get(key));
    }

    /** The keys this key issued, oldest first. */
    public List<Origin> children(String key) {
        return childrenByParent.getOrDefault(key, List.of());
    }

    public int edgeCount() {
        return originByKey.size();
    }
}
