package io.trailsift.cli;

import io.trailsift.pivot.AddressRange;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A source address or an IPv4 or IPv6 range on the command line; a malformed range is a usage error. */
final class AddressArgument {
    private AddressArgument() {
    }

    static AddressRange parse(CommandSpec spec, String option, String text) {
        try {
            return AddressRange.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
