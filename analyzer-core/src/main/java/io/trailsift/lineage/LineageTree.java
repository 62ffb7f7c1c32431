package io.trailsift.lineage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The keys reached from one key, in depth-first order (a parent before its children, siblings
 * oldest first). {@code parent} and {@code depth} are relative to this tree: the first entry is
 * its root, with no parent and depth 0, whatever issued it.
 */
public record LineageTree(String root, List<Entry> entries) {

    public record Entry(String accessKeyId, Optional<String> parent, int depth) {
    }

    /** The key and everything it issued, transitively. */
    public static LineageTree down(LineageGraph graph, String key) {
        List<Entry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<Entry> stack = new ArrayDeque<>();
        stack.push(new Entry(key, Optional.empty(), 0));
        while (!stack.isEmpty()) {
            Entry e = stack.pop();
            if (!seen.add(e.accessKeyId())) {
                continue; // a cycle, or a key reached twice: show it once
            }
            out.add(e);
            List<LineageGraph.Edge> children = graph.children(e.accessKeyId());
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(new Entry(children.get(i).issuedKey(), Optional.of(e.accessKeyId()), e.depth() + 1));
            }
        }
        return new LineageTree(key, List.copyOf(out));
    }

    /** The chain from the oldest known ancestor of the key down to the key itself. */
    public static LineageTree up(LineageGraph graph, String key) {
        LinkedHashSet<String> chain = new LinkedHashSet<>();
        String k = key;
        while (k != null && chain.add(k)) {
            k = graph.parentEdge(k).map(LineageGraph.Edge::parentKey).orElse(null);
        }
        List<String> topDown = new ArrayList<>(chain);
        Collections.reverse(topDown);
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < topDown.size(); i++) {
            out.add(new Entry(topDown.get(i), i == 0 ? Optional.empty() : Optional.of(topDown.get(i - 1)), i));
        }
        return new LineageTree(topDown.get(0), List.copyOf(out));
    }

    public List<String> keys() {
        return entries.stream().map(Entry::accessKeyId).toList();
    }
}
