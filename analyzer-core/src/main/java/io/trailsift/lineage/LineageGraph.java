package io.trailsift.lineage;

import io.trailsift.store.EventStore;

import java.sql.SQLException;
import java.time.Instant;
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
    /** {@code parentKey} made the call {@code via} at {@code viaTime}, which returned {@code issuedKey}. */
    public record Edge(String issuedKey, String parentKey, String via, Instant viaTime) {
    }

    private static final Comparator<Edge> BY_TIME =
            Comparator.comparing(Edge::viaTime).thenComparing(Edge::issuedKey);

    private final Map<String, Edge> edgeByKey = new HashMap<>();
    private final Map<String, List<Edge>> childrenByParent = new HashMap<>();

    LineageGraph(Collection<Edge> edges) {
        for (Edge e : edges) {
            edgeByKey.put(e.issuedKey(), e);
            childrenByParent.computeIfAbsent(e.parentKey(), k -> new ArrayList<>()).add(e);
        }
        childrenByParent.values().forEach(list -> list.sort(BY_TIME));
    }

    /** Loads the edges; reads only the events that returned a key. */
    public static LineageGraph load(EventStore store) throws SQLException {
        return new LineageGraph(Origins.edges(store));
    }

    /** The call that issued this key, when its caller key is known. */
    public Optional<Edge> parentEdge(String key) {
        return Optional.ofNullable(edgeByKey.get(key));
    }

    /** The keys this key issued, oldest first. */
    public List<Edge> children(String key) {
        return childrenByParent.getOrDefault(key, List.of());
    }

    public int edgeCount() {
        return edgeByKey.size();
    }
}
