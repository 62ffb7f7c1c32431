package io.trailsift.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.Map;
import java.util.TreeMap;

/**
 * One line at the end of the tests naming what was skipped for want of {@code ../shared} (the
 * project's real datasets, absent from a user's clone) and why: Surefire counts skips but does not
 * say their reason, so the recall and precision checks on real logs vanished silently.
 * Registered through META-INF/services.
 */
public final class SkippedSharedDataReport implements TestExecutionListener {
    private final Map<String, Integer> skipped = new TreeMap<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (reason != null && reason.contains("../shared")) {
            skipped.merge(className(test), 1, Integer::sum);
        }
    }

    /**
     * A skip by a failed assumption reaches a listener as an aborted test; in a {@code @BeforeAll}
     * or a test factory, as an aborted container whose tests never run (counted as "all").
     */
    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED
                && result.getThrowable().map(Throwable::getMessage).filter(m -> m.contains("../shared")).isPresent()) {
            skipped.merge(className(test), test.isTest() ? 1 : 0, Integer::sum);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (skipped.isEmpty()) {
            return;
        }
        int total = skipped.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder sb = new StringBuilder();
        skipped.forEach((c, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(c).append(" (").append(n == 0 ? "all" : n)
                .append(')'));
        System.err.println("trailsift tests: " + total + " and " + skipped.values().stream().filter(n -> n == 0).count()
                + " whole classes SKIPPED because ../shared/datasets (real CloudTrail logs, "
                + "in the project's workspace only) is not beside this clone: " + sb + ". See README.md, Quick start.");
    }

    private static String className(TestIdentifier test) {
        String id = test.getUniqueId();
        int start = id.indexOf("[class:");
        if (start < 0) {
            return test.getDisplayName();
        }
        String name = id.substring(start + 7, id.indexOf(']', start));
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
