package io.trailsift.pivot;

import io.trailsift.store.EventStore;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a source-address filter on the command line names: one address as CloudTrail logs it (an
 * IP, or a service name such as {@code ec2.amazonaws.com}), or a range in CIDR notation, IPv4
 * ({@code 198.51.100.0/24}) or IPv6 ({@code 2001:db8::/32}). An IPv4 range is matched on the
 * address's value as a number, so {@code 198.51.100.7} is in {@code 198.51.100.0/24} and
 * {@code 198.51.1.7} is not; an IPv6 range on the store's IPv6 addresses, read in Java.
 */
public record AddressRange(String text, long first, long last, boolean range, Optional<Ipv6Prefix> ipv6) {
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern CIDR6 = Pattern.compile("([0-9A-Fa-f:]*:[0-9A-Fa-f:]*)/(\\d{1,3})");

    /** The store's IPv6 addresses: few beside the IPv4 ones, so they are listed and tested in Java. */
    private static final String IPV6_ADDRESSES = "SELECT DISTINCT source_ip FROM events WHERE contains(source_ip, ':')";

    /* An IPv4 address of the column as a number within the bound first and last, else false. */
    private static final String IN_RANGE = """
            (regexp_matches(source_ip, '^[0-9]{1,3}(\\.[0-9]{1,3}){3}$')
             AND CAST(split_part(source_ip, '.', 1) AS BIGINT) * 16777216 + CAST(split_part(source_ip, '.', 2) AS BIGINT) * 65536
                 + CAST(split_part(source_ip, '.', 3) AS BIGINT) * 256 + CAST(split_part(source_ip, '.', 4) AS BIGINT)
                 BETWEEN ? AND ?)""";

    /*
     * When the range has one first octet, a starts_with test (bound: that octet and a dot) goes
     * first: it is cheap and keeps the regexp to addresses that can be in the range.
     */
    private static final String ONE_FIRST_OCTET = "starts_with(source_ip, ?) AND ";

    /** Reads an address or an IPv4 CIDR range; a text with a slash that is not one is refused. */
    public static AddressRange parse(String text) {
        String t = text.strip();
        if (!t.contains("/")) {
            return new AddressRange(t, 0, 0, false, Optional.empty());
        }
        Matcher v6 = CIDR6.matcher(t);
        if (v6.matches()) {
            return Ipv6Prefix.parse(v6.group(1), Integer.parseInt(v6.group(2)))
                    .map(p -> new AddressRange(t, 0, 0, true, Optional.of(p)))
                    .orElseThrow(() -> new IllegalArgumentException("'" + t + "' is not an IPv6 range like 2001:db8::/32"));
        }
        Matcher m = CIDR.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + t + "' is not an address or a range like 198.51.100.0/24 or 2001:db8::/32");
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new IllegalArgumentException("'" + t + "': " + octet + " is not an address byte (0-255)");
            }
            value = value * 256 + octet;
        }
        int bits = Integer.parseInt(m.group(5));
        if (bits > 32) {
            throw new IllegalArgumentException("'" + t + "': a prefix is at most /32");
        }
        long size = 1L << (32 - bits);
        long first = value & ~(size - 1) & 0xFFFFFFFFL;
        return new AddressRange(t, first, first + size - 1, true, Optional.empty());
    }

    /** The condition on {@code source_ip}, fixed text; its values are {@link #params(EventStore)}. */
    public String condition() {
        if (!range) {
            return "source_ip = ?";
        }
        if (ipv6.isPresent()) {
            return "list_contains(?::VARCHAR[], source_ip)";
        }
        return oneFirstOctet() ? "(" + ONE_FIRST_OCTET + IN_RANGE + ")" : IN_RANGE;
    }

    /** The values of {@link #condition()}: for an IPv6 range, the addresses of {@code store} inside it. */
    public List<Object> params(EventStore store) {
        if (!range) {
            return List.of(text);
        }
        if (ipv6.isPresent()) {
            return List.of(store.sql().query(IPV6_ADDRESSES, r -> r.text("source_ip")).stream()
                    .filter(ipv6.get()::contains).toList());
        }
        return oneFirstOctet() ? List.of((first >>> 24) + ".", first, last) : List.of(first, last);
    }

    /** An IPv6 range: its addresses are tested in Java, not by a condition alone. */
    public boolean isIpv6Range() {
        return ipv6.isPresent();
    }

    private boolean oneFirstOctet() {
        return first >>> 24 == last >>> 24;
    }
}
