package io.trailsift.investigate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checklist items for what the lineage made or read outside IAM: terminate the instances, delete
 * the key pairs and security groups (after revoking the rules it opened), rotate the secrets and
 * parameters it read. One item per thing, however many times it was touched.
 */
final class ResourceSteps {
    private ResourceSteps() {
    }

    static List<ContainmentStep> plan(List<Touched> touched) {
        List<ContainmentStep> steps = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (Touched t : touched) {
            if (done.add(t.kind() + " " + t.accountId() + " " + t.region() + " " + t.ids())) {
                step(t).ifPresent(steps::add);
            }
        }
        return steps;
    }

    private static Optional<ContainmentStep> step(Touched t) {
        if (t.ids().isEmpty()) {
            return Optional.empty();
        }
        String what = String.join(", ", t.ids());
        String why = t.eventName() + " at " + t.time() + " by " + t.by() + " in " + t.region() + " (event " + t.eventId() + ")";
        String first = t.ids().get(0);
        return Optional.of(switch (t.kind()) {
            case INSTANCES -> ContainmentStep.of("Terminate instances " + what + " in " + t.region()
                    + " (snapshot their volumes first if you need them as evidence)", why, t.accountId(),
                    List.of(inRegion("ec2 terminate-instances", t).withEach(AwsParameter.INSTANCE_IDS, t.ids())));
            case SECURITY_GROUP -> ContainmentStep.of("Delete security group " + what + " in " + t.region()
                    + " (once its instances are terminated)", why, t.accountId(),
                    List.of(inRegion("ec2 delete-security-group", t).with(AwsParameter.GROUP_ID, first)));
            case INGRESS_RULE -> ContainmentStep.of("Revoke the inbound rule opened on " + what + " in " + t.region()
                    + t.detail().map(d -> " (" + d + ")").orElse(""), why, t.accountId(),
                    List.of(inRegion("ec2 describe-security-group-rules", t)
                                    .with(AwsParameter.GROUP_FILTER, "Name=group-id,Values=" + first),
                            inRegion("ec2 revoke-security-group-ingress", t).with(AwsParameter.GROUP_ID, first)
                                    .then("--security-group-rule-ids <rule-id>")));
            case KEY_PAIR -> ContainmentStep.of("Delete key pair " + what + " in " + t.region(), why, t.accountId(),
                    List.of(inRegion("ec2 delete-key-pair", t).with(AwsParameter.KEY_NAME, first)));
            case SECRET -> ContainmentStep.of("Rotate secret " + what + " in " + t.region()
                    + " (change it where it is issued, then store the new value)", why, t.accountId(),
                    List.of(inRegion("secretsmanager put-secret-value", t).with(AwsParameter.SECRET_ID, first)
                            .then("--secret-string <new-value>")));
            case PARAMETER -> ContainmentStep.of("Rotate SSM parameter " + what + " in " + t.region(), why, t.accountId(),
                    List.of(inRegion("ssm put-parameter", t).with(AwsParameter.PARAMETER_NAME, first)
                            .then("--overwrite --type SecureString --value <new-value>")));
            case S3_OBJECT -> ContainmentStep.of("Review what the " + t.ids().size() + " object"
                    + (t.ids().size() == 1 ? "" : "s") + " read from S3 bucket " + first.split("/", 2)[0] + " held ("
                    + String.join(", ", t.ids().subList(0, Math.min(3, t.ids().size())))
                    + (t.ids().size() > 3 ? ", ..." : "") + "; all in the report)", why, t.accountId(), List.of());
        });
    }

    /** An AWS CLI command in the region of the call. */
    private static AwsCommand inRegion(String operation, Touched t) {
        return AwsCommand.of(operation).with(AwsParameter.REGION, t.region());
    }
}
