package io.trailsift.detect;

import java.util.Locale;

/** How urgently a finding needs a responder's attention, lowest first. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown severity '" + text + "' (info, low, medium, high, critical)");
        }
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** The lower-case name used in YAML, JSON and the store. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
