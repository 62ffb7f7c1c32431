package io.trailsift.lineage;

import io.trailsift.store.EventStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Only the edges below {@code key}, read one generation at a time: on a large store this
     * touches the calls of the tree's own keys instead of every key-issuing call in the logs.
     */
    public static LineageGraph below(EventStore store, String key) {
        List<Edge> edges = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(key));
        Set<String> generation = Set.of(key);
        while (!generation.isEmpty()) {
            Set<String> next = new HashSet<>();
            for (Origin o : Origins.issuedBy(store, generation)) {
                edges.add(edge(o));
                if (seen.add(o.issuedKey())) {
                    next.add(o.issuedKey());
                }
            }
            generation = next;
        }
        return new LineageGraph(edges);
    }

    /** Only the chain of edges above {@code key}. */
    public static LineageGraph above(EventStore store, String key) {
        List<Edge> edges = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String k = key;
        while (seen.add(k)) {
            Origin o = Origins.forKeys(store, List.of(k)).get(k);
            if (o == null || o.parentKey().isEmpty()) {
                break;
            }
            edges.add(edge(o));
            k = o.parentKey().get();
        }
        return new LineageGraph(edges);
    }

    private static Edge edge(Origin o) {
        return new Edge(o.issuedKey(), o.parentKey().orElseThrow(), o.via(), o.viaTime());
    }

    /** The call that issued this key, when its caller key is known. */
    public Optional<Edge> parentEdge(String key) {
        return Optional.ofNullable(edgeByKey.get(key));
    }

    /** The keys this key issued, oldest first. */
    public List<Edge> children(String key) {
        return childrenByParent.getOrDefault(key, List.of());
    }
}
