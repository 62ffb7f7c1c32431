package io.trailsift.bench.corpus;

import io.trailsift.testkit.Agents;
import io.trailsift.testkit.Identity;
import io.trailsift.testkit.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.trailsift.bench.corpus.DataCalls.dynamo;
import static io.trailsift.bench.corpus.DataCalls.kms;
import static io.trailsift.bench.corpus.DataCalls.s3;
import static io.trailsift.bench.corpus.DataCalls.sqs;

/**
 * The organisation of the org corpus: a security account (the organisation's management account:
 * IAM Identity Center, the organisation trail, the security scanner, the Terraform runners), a
 * production and a development account, in three regions, and everything that runs in them. The
 * cast is fixed by the seed and sized by the {@link Scale}: names, roles, keys and addresses are the
 * same for every window, so each principal keeps the same habits for the whole 30 days.
 */
final class Org {
    static final String ORG_ID = "o-a1b2c3d4e5";
    static final String SECURITY = "401122334455";
    static final String PROD = "502233445566";
    static final String DEV = "603344556677";
    static final List<String> ACCOUNTS = List.of(SECURITY, PROD, DEV);
    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "us-west-2");
    /** Each account and region's share of the bulk traffic, in ACCOUNTS x REGIONS order. */
    private static final double[] PAIR_WEIGHTS = {0.10, 0.03, 0.03, 0.40, 0.20, 0.03, 0.12, 0.02, 0.07};

    final long seed;
    final Scale scale;
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private final List<List<Traffic>> traffic = new ArrayList<>();

    // The principals the episodes and the incident name.
    final UserTraffic integration;
    final Workload invoicePdf;
    final Workload ordersApi;
    final Workload opsDevSync;
    final Workload reportingWorker;
    final Workload scanner;
    final Workload terraformRunner;
    final Workload reportBuilder;
    final Identity.Role exportRole;
    final Identity.Role devCrossAccountRole;
    final String exportBucket = "acme-prod-customer-exports";
    /**
     * The day (a Monday: Terraform applies on working days) its runners create report-builder's role
     * and function, and when the function first runs: that evening, after the day's runs.
     */
    static final int REPORT_BUILDER_DAY = 10;
    final Instant reportBuilderSince = OrgCalendar.day(REPORT_BUILDER_DAY).plusSeconds(19 * 3600 + 40 * 60);

    Org(long seed, Scale scale) {
        this.seed = seed;
        this.scale = scale;
        network(SECURITY, "us-east-1", "44.213.87.19", "44.213.90.141", "10.0.", "s3");
        network(SECURITY, "eu-west-1", "52.49.210.33", "52.49.77.180", "10.1.", "s3");
        network(SECURITY, "us-west-2", "35.161.20.7", "35.161.44.92", "10.2.", "s3");
        network(PROD, "us-east-1", "3.219.114.52", "3.219.9.201", "10.20.", "s3", "dynamodb", "ecr", "kms");
        network(PROD, "eu-west-1", "34.246.140.8", "34.246.18.77", "10.21.", "s3", "dynamodb");
        network(PROD, "us-west-2", "54.188.30.212", "54.188.9.64", "10.22.", "s3");
        network(DEV, "us-east-1", "18.208.77.3", "18.208.11.250", "10.40.", "s3");
        network(DEV, "eu-west-1", "54.75.2.118", "54.75.90.40", "10.41.", "s3");
        network(DEV, "us-west-2", "44.232.5.71", "44.232.61.188", "10.42.", "s3");
        for (int i = 0; i < PAIR_WEIGHTS.length; i++) {
            traffic.add(new ArrayList<>());
        }
        exportRole = role(PROD, "data-export-role");
        devCrossAccountRole = role(DEV, "cross-account-admin");

        // Security account: the scanner's task, the Terraform runners, the log forwarder, AWS services.
        scanner = ecs(SECURITY, "us-east-1", "security-scanner", OrgAgents.SCANNER, 1, 0.5, null,
                Habits.of(1, s3("PutObject", "acme-security-findings", "prowler/")));
        terraformRunner = add(new Workload(seed, "terraform-runner", Workload.Kind.EC2, role(SECURITY, "terraform-runner"),
                net(SECURITY, "us-east-1"), OrgAgents.EC2_GO, 2, scale.interval(3600, 6 * 3600), OrgCalendar.START, 1.5,
                null, Habits.of(2, s3("GetObject", "acme-terraform-state", "env/"), 1, dynamo("GetItem", "terraform-locks"),
                1, dynamo("PutItem", "terraform-locks"))));
        lambda(SECURITY, "us-east-1", "org-log-forwarder", Agents.LAMBDA_BOTO3, 2, 6, "/security/log-forwarder/", null,
                Habits.of(3, s3("GetObject", "acme-org-cloudtrail-logs", "AWSLogs/" + ORG_ID + "/"),
                        1, sqs("DeleteMessage", "cloudtrail-object-created"), 1, sqs("ReceiveMessage", "cloudtrail-object-created")));
        for (String region : REGIONS) {
            add(new ServiceTraffic(seed, SECURITY, region, 3, List.of(ServiceTraffic.CONFIG, ServiceTraffic.GUARDDUTY),
                    region.equals("us-east-1")));
        }

        // Production, us-east-1: the busiest place of the organisation.
        invoicePdf = lambda(PROD, "us-east-1", "invoice-pdf", Agents.LAMBDA_BOTO3, 6, 14, "/prod/invoice-pdf/", null,
                Habits.of(3, s3("GetObject", "acme-prod-invoices", "templates/"), 3, s3("PutObject", "acme-prod-invoices", "rendered/"),
                        2, DataCalls.s3DataKey("acme-prod-invoices"), 3, dynamo("GetItem", "invoices"),
                        2, dynamo("UpdateItem", "invoices"), 2, sqs("DeleteMessage", "invoice-jobs")));
        lambda(PROD, "us-east-1", "order-events", OrgAgents.LAMBDA_NODE, 5, 12, "/prod/order-events/", null,
                Habits.of(4, dynamo("PutItem", "order-events"), 3, DataCalls.sns("order-updates"),
                        2, DataCalls.putEvents("orders"), 1, kms("GenerateDataKey", "orders-app")));
        opsDevSync = lambda(PROD, "us-east-1", "ops-dev-sync", Agents.LAMBDA_BOTO3, 1, 0.5, "/prod/ops-dev-sync/", null,
                Habits.of(1, s3("GetObject", "acme-prod-config", "sync/")));
        reportBuilder = add(new Workload(seed, "report-builder", Workload.Kind.LAMBDA, role(PROD, "report-builder-role"),
                net(PROD, "us-east-1"), Agents.LAMBDA_BOTO3, scale.count(2, 1), scale.interval(2 * 3600, 11 * 3600),
                reportBuilderSince, 3, new Workload.Startup("/prod/report-builder/", 1, null),
                Habits.of(2, dynamo("Query", "orders"), 1, s3("PutObject", "acme-prod-reports", "builder/"))));
        ordersApi = ecs(PROD, "us-east-1", "orders-api", OrgAgents.ECS_JAVA, 8, 22, "prod/orders-api/db",
                Habits.of(6, dynamo("GetItem", "orders"), 3, dynamo("PutItem", "orders"), 4, dynamo("Query", "orders"),
                        2, s3("GetObject", "acme-prod-catalog", "images/"), 2, sqs("SendMessage", "invoice-jobs"),
                        2, kms("Decrypt", "orders-app"), 1, kms("GenerateDataKey", "orders-app")));
        ecs(PROD, "us-east-1", "payments-worker", OrgAgents.ECS_PYTHON, 4, 10, "prod/payments/stripe",
                Habits.of(5, sqs("ReceiveMessage", "payment-events"), 3, sqs("DeleteMessage", "payment-events"),
                        3, dynamo("UpdateItem", "payments"), 2, kms("Decrypt", "payments-app")));
        ec2(PROD, "us-east-1", "batch-etl", OrgAgents.EC2_GO, 4, 12,
                Habits.of(4, s3("GetObject", "acme-prod-datalake", "raw/"), 3, s3("PutObject", "acme-prod-datalake", "curated/"),
                        1, DataCalls.s3List("acme-prod-datalake", "raw/"), 1, kms("Decrypt", "datalake")));
        reportingWorker = ec2(PROD, "us-east-1", "reporting-worker", OrgAgents.EC2_GO, 1, 1,
                Habits.of(2, s3("PutObject", "acme-prod-reports", "daily/"), 1, dynamo("Query", "orders")));
        Workload nodes = ec2(PROD, "us-east-1", "prod-eks-node", OrgAgents.EKS_NODE, 4, 6,
                Habits.of(2, DataCalls.describe("ec2", "DescribeNetworkInterfaces"), 1, DataCalls.describe("ec2", "DescribeInstances"),
                        3, DataCalls.ecrPull("catalog-svc"), 1, DataCalls.ecrPull("search-indexer")));
        String oidc = "arn:aws:iam::" + PROD + ":oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/"
                + Seeds.ids(seed, "eks").hex(32).toUpperCase();
        pod("catalog-svc", "catalog:catalog-svc", OrgAgents.POD_PYTHON, 4, 8, oidc,
                Habits.of(4, s3("GetObject", "acme-prod-catalog", "images/"), 3, dynamo("Query", "catalog"),
                        3, dynamo("GetItem", "catalog")));
        pod("search-indexer", "search:indexer", OrgAgents.POD_JAVA, 2, 5, oidc,
                Habits.of(3, sqs("ReceiveMessage", "catalog-changes"), 2, sqs("DeleteMessage", "catalog-changes"),
                        1, s3("PutObject", "acme-prod-search-snapshots", "snapshots/")));
        Ids userIds = Seeds.ids(seed, "integration-etl");
        integration = add(new UserTraffic(Identity.iamUser(PROD, "integration-etl", userIds.userId(), userIds.longTermKey()),
                List.of("198.51.100.27", "198.51.100.28"), OrgAgents.ETL_BOTO3, "us-east-1", 2,
                Habits.of(3, s3("PutObject", "acme-prod-partner-exchange", "outbound/"),
                        2, s3("GetObject", "acme-prod-partner-exchange", "inbound/"),
                        1, DataCalls.s3List("acme-prod-partner-exchange", "inbound/"), 1, sqs("SendMessage", "partner-orders"))));
        add(new ServiceTraffic(seed, PROD, "us-east-1", 6, List.of(ServiceTraffic.AUTOSCALING, ServiceTraffic.ECS,
                ServiceTraffic.ELB, ServiceTraffic.CONFIG, ServiceTraffic.GUARDDUTY), false));

        // Production, eu-west-1 (European customers) and us-west-2 (disaster recovery).
        ecs(PROD, "eu-west-1", "orders-api-eu", OrgAgents.ECS_JAVA, 4, 30, "prod/orders-api-eu/db",
                Habits.of(6, dynamo("GetItem", "orders-eu"), 3, dynamo("PutItem", "orders-eu"), 4, dynamo("Query", "orders-eu"),
                        2, sqs("SendMessage", "invoice-jobs-eu"), 2, kms("Decrypt", "orders-app")));
        lambda(PROD, "eu-west-1", "invoice-pdf-eu", Agents.LAMBDA_BOTO3, 3, 15, "/prod/invoice-pdf-eu/", null,
                Habits.of(3, s3("GetObject", "acme-prod-invoices-eu", "templates/"), 3, s3("PutObject", "acme-prod-invoices-eu",
                        "rendered/"), 2, dynamo("UpdateItem", "invoices-eu"), 2, sqs("DeleteMessage", "invoice-jobs-eu")));
        lambda(PROD, "eu-west-1", "gdpr-export", Agents.LAMBDA_BOTO3, 1, 3, "/prod/gdpr-export/", "prod/gdpr-export/signing-key",
                Habits.of(1, s3("GetObject", "acme-prod-gdpr-eu", "requests/"), 1, s3("PutObject", "acme-prod-gdpr-eu", "exports/")));
        ec2(PROD, "eu-west-1", "batch-etl-eu", OrgAgents.EC2_GO, 2, 10,
                Habits.of(4, s3("GetObject", "acme-prod-datalake-eu", "raw/"), 3, s3("PutObject", "acme-prod-datalake-eu", "curated/")));
        add(new ServiceTraffic(seed, PROD, "eu-west-1", 5, List.of(ServiceTraffic.AUTOSCALING, ServiceTraffic.ECS,
                ServiceTraffic.ELB, ServiceTraffic.CONFIG), false));
        ec2(PROD, "us-west-2", "dr-replica-check", OrgAgents.EC2_GO, 1, 3,
                Habits.of(2, DataCalls.s3List("acme-prod-dr-us-west-2", "datalake/"), 1, s3("HeadObject", "acme-prod-dr-us-west-2", "datalake/")));
        add(new ServiceTraffic(seed, PROD, "us-west-2", 5, List.of(ServiceTraffic.CONFIG, ServiceTraffic.GUARDDUTY), false));

        // Development: the same services in small, build agents, a notebook.
        lambda(DEV, "us-east-1", "invoice-pdf", Agents.LAMBDA_BOTO3, 2, 10, "/dev/invoice-pdf/", null,
                Habits.of(3, s3("GetObject", "acme-dev-invoices", "templates/"), 3, s3("PutObject", "acme-dev-invoices", "rendered/"),
                        2, dynamo("GetItem", "invoices")));
        lambda(DEV, "us-east-1", "order-events", OrgAgents.LAMBDA_NODE, 2, 8, "/dev/order-events/", null,
                Habits.of(4, dynamo("PutItem", "order-events"), 3, DataCalls.sns("order-updates")));
        ecs(DEV, "us-east-1", "orders-api", OrgAgents.ECS_JAVA, 2, 15, "dev/orders-api/db",
                Habits.of(6, dynamo("GetItem", "orders"), 3, dynamo("PutItem", "orders"), 2, sqs("SendMessage", "invoice-jobs")));
        ec2(DEV, "us-east-1", "build-agent", OrgAgents.EC2_GO, 2, 6,
                Habits.of(3, s3("GetObject", "acme-dev-build-cache", "cache/"), 3, s3("PutObject", "acme-dev-build-cache", "cache/")));
        add(new ServiceTraffic(seed, DEV, "us-east-1", 5, List.of(ServiceTraffic.AUTOSCALING, ServiceTraffic.ECS,
                ServiceTraffic.CONFIG), false));
        ecs(DEV, "us-west-2", "feature-store", OrgAgents.ECS_PYTHON, 2, 10, null,
                Habits.of(3, dynamo("Query", "features"), 2, dynamo("PutItem", "features"), 2, s3("GetObject", "acme-dev-ml", "features/")));
        ec2(DEV, "us-west-2", "ml-notebook", OrgAgents.EC2_GO, 1, 4,
                Habits.of(3, s3("GetObject", "acme-dev-ml", "datasets/"), 1, s3("PutObject", "acme-dev-ml", "models/")));
        add(new ServiceTraffic(seed, DEV, "us-west-2", 3, List.of(ServiceTraffic.CONFIG, ServiceTraffic.ECS), false));
        add(new ServiceTraffic(seed, DEV, "eu-west-1", 2, List.of(ServiceTraffic.CONFIG), false));
    }

    private void network(String account, String region, String nat1, String nat2, String prefix, String... endpoints) {
        Ids ids = Seeds.ids(seed, account, region, "vpc");
        Map<String, String> ends = new LinkedHashMap<>();
        for (String service : endpoints) {
            ends.put(service, "vpce-0" + ids.hex(16));
        }
        networks.put(account + "/" + region, new Network(account, region, List.of(nat1, nat2), prefix, ends));
    }

    Network net(String account, String region) {
        return networks.get(account + "/" + region);
    }

    /** A role of the organisation, with its unique id fixed by account and name. */
    Identity.Role role(String account, String name) {
        return new Identity.Role(account, name, Seeds.ids(seed, account, name, "role").roleId());
    }

    /** The index of an account and region in the bulk traffic's table. */
    static int pair(String account, String region) {
        return ACCOUNTS.indexOf(account) * REGIONS.size() + REGIONS.indexOf(region);
    }

    static double pairWeight(int pair) {
        return PAIR_WEIGHTS[pair];
    }

    static int pairs() {
        return PAIR_WEIGHTS.length;
    }

    List<Traffic> traffic(int pair) {
        return traffic.get(pair);
    }

    /** Every traffic source, for their session starts. */
    List<Traffic> allTraffic() {
        return traffic.stream().flatMap(List::stream).toList();
    }

    private <T extends Traffic> T add(T t) {
        traffic.get(pair(t.account(), t.region())).add(t);
        return t;
    }

    private Workload lambda(String account, String region, String name, String agent, int instances, double weight,
                            String path, String secret, Habits habits) {
        return add(new Workload(seed, name, Workload.Kind.LAMBDA, role(account, name + "-role"), net(account, region), agent,
                scale.count(instances, 1), scale.interval(2 * 3600, 11 * 3600), OrgCalendar.START, weight,
                new Workload.Startup(path, 1 + name.length() % 3, secret), habits));
    }

    private Workload ecs(String account, String region, String name, String agent, int instances, double weight,
                         String secret, Habits habits) {
        String env = account.equals(PROD) ? "/prod/" : account.equals(DEV) ? "/dev/" : "/security/";
        Workload w = new Workload(seed, name, Workload.Kind.ECS_TASK, role(account, name + "-task"), net(account, region),
                agent, scale.count(instances, 1), scale.interval(4 * 3600, 11 * 3600), OrgCalendar.START, weight,
                new Workload.Startup(env + name + "/", 2 + name.length() % 3, secret), habits);
        w.executionRole = role(account, name + "-execution");
        w.image = name;
        return add(w);
    }

    private Workload ec2(String account, String region, String name, String agent, int instances, double weight,
                         Habits habits) {
        return add(new Workload(seed, name, Workload.Kind.EC2, role(account, name + "-instance"), net(account, region), agent,
                scale.count(instances, 1), scale.interval(3600, 6 * 3600), OrgCalendar.START, weight, null, habits));
    }

    private void pod(String name, String serviceAccount, String agent, int instances, double weight, String oidc,
                     Habits habits) {
        Workload w = new Workload(seed, name, Workload.Kind.EKS_POD, role(PROD, name + "-irsa"), net(PROD, "us-east-1"),
                agent, scale.count(instances, 1), scale.interval(3600, 11 * 3600), OrgCalendar.START, weight,
                new Workload.Startup("/prod/" + name + "/", 2, null), habits);
        w.oidcProvider = oidc;
        w.serviceAccount = serviceAccount;
        add(w);
    }
}
