package io.trailsift.spark;

import io.trailsift.spark.CopyJudge.Copy;
import io.trailsift.spark.CopyJudge.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dedupe rule on the copies of one eventID, as the job's shuffle hands them over (in any order). */
class CopyJudgeTest {
    private static final long A = 11;
    private static final long B = 22;

    @Test
    void ofIdenticalCopiesTheFirstInReadingOrderIsKept() {
        assertEquals(Set.of(new Verdict(7, 3, true), new Verdict(9, 0, true)),
                verdicts(new Copy(A, 9, 0), new Copy(A, 5, 8), new Copy(A, 7, 3)));
        assertEquals(Set.of(new Verdict(5, 8, true)), verdicts(new Copy(A, 5, 8), new Copy(A, 5, 2)),
                "a repeat within one object: its first row is kept");
    }

    @Test
    void theLakesOwnCopyWinsOverEveryNewOne() {
        assertEquals(Set.of(new Verdict(1, 0, true), new Verdict(2, 4, true)),
                verdicts(new Copy(A, 1, 0), new Copy(A, CopyJudge.IN_LAKE, 0), new Copy(A, 2, 4)));
    }

    @Test
    void differingCopiesAreAllKeptAndListed() {
        assertEquals(Set.of(new Verdict(1, 0, false), new Verdict(2, 0, false), new Verdict(3, 0, true)),
                verdicts(new Copy(A, 1, 0), new Copy(B, 2, 0), new Copy(B, 3, 0)));
        assertEquals(Set.of(new Verdict(4, 1, false)), verdicts(new Copy(A, CopyJudge.IN_LAKE, 0), new Copy(B, 4, 1)),
                "a new content of an id the lake holds: kept and listed");
    }

    @Test
    void aSingleCopyIsSimplyWritten() {
        assertEquals(Set.of(), verdicts(new Copy(A, 1, 0)));
        assertEquals(Set.of(), verdicts(new Copy(A, CopyJudge.IN_LAKE, 0), new Copy(B, CopyJudge.IN_LAKE, 0)),
                "copies only in the lake: nothing to write");
    }

    private static Set<Verdict> verdicts(Copy... copies) {
        return CopyJudge.judge(List.of(copies)).stream().collect(Collectors.toSet());
    }
}
