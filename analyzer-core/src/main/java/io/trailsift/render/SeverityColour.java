package io.trailsift.render;

import java.util.Map;

/** ANSI colours for severities on a terminal: the eye finds the critical and high rows first. */
final class SeverityColour {
    private static final String RESET = "\u001b[0m";
    private static final Map<String, String> COLOURS = Map.of(
            "critical", "\u001b[1;31m",
            "high", "\u001b[31m",
            "medium", "\u001b[33m");

    private SeverityColour() {
    }

    /**
     * {@code padded} in the colour of {@code severity}, or as it is for a severity without one.
     * The severity is our own label, never log text, so no attacker value is ever inside the codes.
     */
    static String paint(String severity, String padded) {
        String colour = COLOURS.get(severity.strip());
        return colour == null ? padded : colour + padded + RESET;
    }
}
