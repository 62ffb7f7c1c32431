package io.trailsift.bench.corpus;

import io.trailsift.testkit.Agents;
import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Ids;
import io.trailsift.testkit.Times;

import java.time.Instant;
import java.util.function.Consumer;

import static io.trailsift.testkit.Json.obj;

/**
 * Two jobs that chain roles on a schedule, from the first day of the logs: the production
 * function that syncs operational settings into the development account (through that account's
 * cross-account-admin role, every hour), and the nightly export, where the reporting instance
 * assumes the data-export role to read the customer exports bucket. They give the roles the
 * incident later abuses a history of their own.
 */
final class ScheduledJobs {
    private final Org org;

    ScheduledJobs(Org org) {
        this.org = org;
    }

    void day(int d, Consumer<CloudTrailEvent> out) {
        long every = org.scale.interval(3600, 6 * 3600);
        for (long s = 5 * 60; s < 86_400; s += every) {
            devSync(d, OrgCalendar.day(d).plusSeconds(s + Seeds.below(60, org.seed, "sync", d, s)), out);
        }
        nightlyExport(d, OrgCalendar.day(d).plusSeconds(2 * 3600 + Seeds.below(600, org.seed, "export", d)), out);
    }

    private void devSync(int d, Instant t, Consumer<CloudTrailEvent> out) {
        Workload.Session fn = org.opsDevSync.sessionAt(0, t);
        if (fn == null) {
            return;
        }
        Ids ids = Seeds.ids(org.seed, "sync", d, t.getEpochSecond());
        Caller dev = Sts.assume(fn, ids, t, org.devCrossAccountRole, "ops-dev-sync", 900, Agents.LAMBDA_BOTO3, "us-east-1")
                .emit(out);
        out.accept(dev.call(ids, t.plusSeconds(1), "ssm", "GetParameter").request(obj("name", "/dev/ops/sync-settings",
                "withDecryption", false)));
        out.accept(dev.call(ids, t.plusSeconds(2), "ecs", "ListServices").request(obj("cluster", "dev")));
        out.accept(dev.call(ids, t.plusSeconds(2), "ecs", "DescribeServices").request(obj("cluster", "dev",
                "services", java.util.List.of("orders-api"))));
        out.accept(dev.call(ids, t.plusSeconds(3), "ssm", "PutParameter").request(obj("name", "/dev/ops/synced-at",
                "type", "String", "overwrite", true, "value", Times.iso(t))).response(obj("version", 1 + d * 24, "tier", "Standard")));
    }

    private void nightlyExport(int d, Instant t, Consumer<CloudTrailEvent> out) {
        Workload.Session worker = org.reportingWorker.sessionAt(0, t);
        if (worker == null) {
            return;
        }
        Ids ids = Seeds.ids(org.seed, "export", d);
        Caller export = Sts.assume(worker, ids, t, org.exportRole, "nightly-export", 3600, OrgAgents.EC2_GO, "us-east-1")
                .emit(out);
        String prefix = "exports/" + Times.dayFolders(t.minusSeconds(86_400)) + "/";
        out.accept(export.call(ids, t.plusSeconds(2), "s3", "ListObjects").request(obj("list-type", "2",
                "bucketName", org.exportBucket, "Host", org.exportBucket + ".s3.us-east-1.amazonaws.com", "prefix", prefix))
                .dataEvent());
        int n = org.scale.count(12, 2);
        for (int i = 0; i < n; i++) {
            out.accept(export.s3Object(ids, t.plusSeconds(4 + i * 3L), "GetObject", org.exportBucket,
                    prefix + "customers-" + i + ".csv.gz", ids.between(2_000_000, 90_000_000)));
        }
    }
}
