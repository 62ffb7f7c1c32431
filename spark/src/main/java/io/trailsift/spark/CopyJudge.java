package io.trailsift.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lake's dedupe rule (analyzer-core's Fingerprints) applied to every copy of one eventID at
 * once, after the job's shuffle brought them together from every task and from the lake's own
 * fingerprint files: of identical copies one is kept, the lake's own if it has one, else the first
 * in the order the CLI reads (file, entry in the file, row in the object), so one thread of the
 * CLI and the job keep the same copy; copies whose content differs are all kept and, when the id
 * has more than one content, listed as disputed.
 */
final class CopyJudge {
    /** The lake's own copies have no position. */
    static final long IN_LAKE = -1;

    /** One copy: its content hash and where it is ({@link #IN_LAKE}, or an object's position and row). */
    record Copy(long content, long position, int row) implements Serializable {
        private static final Comparator<Copy> FIRST = Comparator.comparingLong(Copy::position).thenComparingInt(Copy::row);
    }

    /** A copy that is not simply written: dropped (a copy of a kept one), or written and its id listed as disputed. */
    record Verdict(long position, int row, boolean dropped) implements Serializable {
    }

    private CopyJudge() {
    }

    /** The verdicts on the copies of one id; copies not named are written as new. */
    static List<Verdict> judge(Iterable<Copy> copies) {
        Set<Long> inLake = new HashSet<>();
        Map<Long, List<Copy>> fresh = new HashMap<>();
        for (Copy c : copies) {
            if (c.position() == IN_LAKE) {
                inLake.add(c.content());
            } else {
                fresh.computeIfAbsent(c.content(), k -> new ArrayList<>()).add(c);
            }
        }
        Set<Long> contents = new HashSet<>(inLake);
        contents.addAll(fresh.keySet());
        boolean disputed = contents.size() > 1;
        List<Verdict> out = new ArrayList<>();
        for (Map.Entry<Long, List<Copy>> e : fresh.entrySet()) {
            Copy keep = inLake.contains(e.getKey()) ? null : e.getValue().stream().min(Copy.FIRST).orElseThrow();
            for (Copy c : e.getValue()) {
                if (c != keep) {
                    out.add(new Verdict(c.position(), c.row(), true));
                } else if (disputed) {
                    out.add(new Verdict(c.position(), c.row(), false));
                }
            }
        }
        return out;
    }
}
