package io.trailsift.bench.corpus;

import java.util.List;
import java.util.Map;

/**
 * One VPC of an account in a region, as CloudTrail sees its traffic: calls leave through the NAT
 * gateways (one public address per availability zone, shared by every instance, task and function
 * of the VPC) unless a VPC endpoint serves the service, in which case the source is the caller's
 * private address and the record names the endpoint.
 *
 * @param endpoints service name (s3, dynamodb, kms...) to the id of its VPC endpoint
 */
record Network(String account, String region, List<String> natIps, String privatePrefix, Map<String, String> endpoints) {

    /** The NAT address a caller in availability zone {@code zone} leaves by. */
    String nat(long zone) {
        return natIps.get((int) Math.floorMod(zone, natIps.size()));
    }

    /** A private address in the VPC, fixed by {@code h} (an instance, a task). */
    String privateIp(long h) {
        return privatePrefix + (16 + Math.floorMod(h, 48)) + "." + (4 + Math.floorMod(h >>> 8, 250));
    }

    /** The VPC endpoint serving {@code service}, or null when calls to it go out through the NAT gateways. */
    String endpoint(String service) {
        return endpoints.get(service);
    }
}
