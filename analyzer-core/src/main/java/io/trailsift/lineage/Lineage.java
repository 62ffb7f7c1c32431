package io.trailsift.lineage;

import io.trailsift.store.EventStore;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A lineage tree with, for each credential, its origin and activity: what {@code trailsift key} prints. */
public record Lineage(String root, List<LineageNode> nodes) {

    /** The key and every credential it issued, transitively. */
    public static Lineage descendants(EventStore store, String key) throws SQLException {
        LineageGraph graph = LineageGraph.load(store);
        return of(store, graph, LineageTree.down(graph, key));
    }

    /** The ancestors of the key, oldest first, ending with the key. */
    public static Lineage ancestors(EventStore store, String key) throws SQLException {
        LineageGraph graph = LineageGraph.load(store);
        return of(store, graph, LineageTree.up(graph, key));
    }

    public static Lineage of(EventStore store, LineageGraph graph, LineageTree tree) throws SQLException {
        Map<String, CredentialActivity> activity = CredentialActivity.forKeys(store, tree.keys());
        List<LineageNode> nodes = new ArrayList<>();
        for (LineageTree.Entry e : tree.entries()) {
            String key = e.accessKeyId();
            // Only the root can lack a parent edge; its issuing call may still be logged (an AWS
            // service, a federation, or a parent outside this tree), so look it up.
            Optional<Origin> edge = graph.parentEdge(key);
            Optional<Origin> origin = edge.isPresent() ? edge : Origins.of(store, key);
            CredentialActivity a = activity.getOrDefault(key, CredentialActivity.none(key));
            Optional<String> principal = a.principalArn().or(() -> origin.flatMap(Origin::principalHint));
            nodes.add(new LineageNode(key, CredentialKind.of(key), principal, e.parent(), e.depth(), origin, a));
        }
        return new Lineage(tree.root(), List.copyOf(nodes));
    }

    public Optional<LineageNode> node(String key) {
        return nodes.stream().filter(n -> n.accessKeyId().equals(key)).findFirst();
    }
}
