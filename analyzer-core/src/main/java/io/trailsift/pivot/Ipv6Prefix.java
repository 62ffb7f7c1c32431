package io.trailsift.pivot;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv6 range in CIDR notation ({@code 2001:db8:1234::/48}). Addresses are compared in Java,
 * as the 128-bit numbers they are: CloudTrail writes them compressed ({@code 2001:db8::1}), so no
 * text test in SQL could tell whether one is in the range.
 */
record Ipv6Prefix(byte[] network, int bits) {
    /** Hex digits and colons (a dotted IPv4 tail allowed): only such text is handed to InetAddress, which then never looks a name up. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    static Optional<Ipv6Prefix> parse(String address, int bits) {
        return bytes(address).filter(b -> b.length == 16 && bits <= 128).map(b -> new Ipv6Prefix(b, bits));
    }

    /** Whether {@code address}, as CloudTrail logged it, is an IPv6 address in this range. */
    boolean contains(String address) {
        Optional<byte[]> b = bytes(address);
        if (b.isEmpty() || b.get().length != 16) {
            return false;
        }
        for (int bit = 0; bit < bits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((b.get()[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<byte[]> bytes(String address) {
        if (!LITERAL.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
