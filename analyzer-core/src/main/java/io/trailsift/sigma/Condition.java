package io.trailsift.sigma;

import java.util.List;

/** A detection's condition, with {@code 1 of x*} and {@code all of them} already resolved to the selections they name. */
public sealed interface Condition permits Condition.And, Condition.Or, Condition.Not, Condition.Ref {
    record And(List<Condition> parts) implements Condition {
        public And {
            parts = List.copyOf(parts);
        }
    }

    record Or(List<Condition> parts) implements Condition {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    record Not(Condition inner) implements Condition {
    }

    /** A search identifier of the detection. */
    record Ref(String name) implements Condition {
    }
}
