package io.trailsift.verify;

import io.trailsift.source.S3Location;
import io.trailsift.verify.VerifyReport.DeliveryGap;
import io.trailsift.verify.VerifyReport.ObjectResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stretches where an account/region received nothing while it received objects before and after.
 * "Delivered" means present or listed in a digest (a deleted object was still delivered; it is
 * reported as missing instead). An object's time is the one in its name (the newest event, per
 * the digest structure page), else the digest's newestEventTime.
 */
final class DeliveryGaps {
    private record AccountRegion(String accountId, String region) {
    }

    private DeliveryGaps() {
    }

    static List<DeliveryGap> find(List<ObjectResult> objects, Duration threshold, NearEvents near) {
        Map<AccountRegion, TreeSet<Instant>> times = new TreeMap<>(
                Comparator.comparing(AccountRegion::accountId).thenComparing(AccountRegion::region));
        for (ObjectResult o : objects) {
            Optional<Instant> t = S3Location.nameTime(o.key()).or(o::newestEventTime);
            if (o.accountId().isPresent() && o.region().isPresent() && t.isPresent()) {
                times.computeIfAbsent(new AccountRegion(o.accountId().get(), o.region().get()), k -> new TreeSet<>())
                        .add(t.get());
            }
        }
        List<DeliveryGap> gaps = new ArrayList<>();
        for (Map.Entry<AccountRegion, TreeSet<Instant>> e : times.entrySet()) {
            AccountRegion ar = e.getKey();
            Instant previous = null;
            for (Instant t : e.getValue()) {
                if (previous != null && Duration.between(previous, t).compareTo(threshold) > 0) {
                    gaps.add(new DeliveryGap(ar.accountId(), ar.region(), previous, t,
                            near.between(ar.accountId(), previous.minus(threshold), t.plus(threshold))));
                }
                previous = t;
            }
        }
        return List.copyOf(gaps);
    }
}
