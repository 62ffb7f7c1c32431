package io.trailsift.lineage;

import io.trailsift.store.EventStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A lineage tree with, for each credential, its origin and activity: what {@code trailsift key} prints. */
public record Lineage(String root, List<LineageNode> nodes) {

    /** The key and every credential it issued, transitively. */
    public static Lineage descendants(EventStore store, String key) {
        return of(store, LineageTree.down(LineageGraph.below(store, key), key));
    }

    /** The ancestors of the key, oldest first, ending with the key. */
    public static Lineage ancestors(EventStore store, String key) {
        return of(store, LineageTree.up(LineageGraph.above(store, key), key));
    }

    public static Lineage of(EventStore store, LineageTree tree) {
        Map<String, CredentialActivity> activity = CredentialActivity.forKeys(store, tree.keys());
        List<String> silent = tree.keys().stream().filter(k -> !activity.containsKey(k)).toList();
        Map<String, String> hints = Origins.principalHints(store, silent);
        // The root's issuing call may be logged even when its caller is not in the tree (an AWS
        // service, a federation, a parent outside the tree): origins are read for every key.
        Map<String, Origin> origins = Origins.forKeys(store, tree.keys());
        List<LineageNode> nodes = new ArrayList<>();
        for (LineageTree.Entry e : tree.entries()) {
            String key = e.accessKeyId();
            Optional<Origin> origin = Optional.ofNullable(origins.get(key));
            CredentialActivity a = activity.getOrDefault(key, CredentialActivity.none(key));
            Optional<String> principal = a.principalArn().or(() -> Optional.ofNullable(hints.get(key)));
            nodes.add(new LineageNode(key, CredentialKind.of(key), principal, e.parent(), e.depth(), origin, a));
        }
        return new Lineage(tree.root(), List.copyOf(nodes));
    }

    public Optional<LineageNode> node(String key) {
        return nodes.stream().filter(n -> n.accessKeyId().equals(key)).findFirst();
    }
}
