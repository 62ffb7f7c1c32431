package io.trailsift.source;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order a folder's files are read in, the same on every engine (the CLI walks a local folder,
 * the Spark job lists any Hadoop path): by name, except that below a CloudTrail folder the days
 * come before the regions, so {@code CloudTrail/us-east-1/2026/05/02/x} is read after
 * {@code CloudTrail/eu-west-1/2026/05/01/y}.
 *
 * <p>Why: the lake is partitioned by account and day, and a writer keeps a file open per partition
 * it is writing. Read region by region, a trail of 90 days in 17 regions sweeps every day of the
 * account once per region, and each sweep ends a file per day; read day by day, one day's
 * objects of all regions follow each other and a day's file is written once. The order also
 * numbers the objects, and decides which copy of a repeated event is kept first, so it is
 * repeatable: a total order on the names.
 */
public final class ReadingOrder {
    /** {@code CloudTrail[-Digest|-Insight]/REGION/YYYY/MM/DD/}: the region, then the day. */
    private static final Pattern REGION_DAY = Pattern.compile(
            "([/\\\\]CloudTrail(?:-Digest|-Insight)?[/\\\\])([a-z0-9-]+)([/\\\\])(\\d{4}[/\\\\]\\d{2}[/\\\\]\\d{2})(?=[/\\\\])");

    private ReadingOrder() {
    }

    /** What a name sorts by: the name with its region and day swapped (the name itself when it has no such folders). */
    static String key(String name) {
        Matcher m = REGION_DAY.matcher(name);
        if (!m.find()) {
            return name;
        }
        return name.substring(0, m.start()) + m.group(1) + m.group(4) + m.group(3) + m.group(2) + name.substring(m.end());
    }

    /** Sorts {@code items} into reading order by their names (each name's key worked out once). */
    public static <T> void sort(List<T> items, Function<T, String> name) {
        record Keyed<T>(String key, String name, T item) {
        }
        List<Keyed<T>> keyed = items.stream().map(i -> new Keyed<>(key(name.apply(i)), name.apply(i), i))
                .sorted(Comparator.comparing((Keyed<T> k) -> k.key).thenComparing(k -> k.name)).toList();
        for (int i = 0; i < keyed.size(); i++) {
            items.set(i, keyed.get(i).item);
        }
    }
}
