package io.trailsift.detect;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The stage of an intrusion a shipped rule belongs to: the folder of {@code rules/} its file sits
 * in, and the heading it is listed under. Coarser than ATT&CK's tactics (a rule often maps to
 * techniques of several), and declared in the order rule listings show them.
 */
public enum Tactic {
    RECONNAISSANCE("Reconnaissance"),
    PERSISTENCE("Persistence and privilege escalation"),
    CREDENTIAL_ACCESS("Credential access"),
    EXECUTION("Execution and lateral movement"),
    DEFENSE_EVASION("Defense evasion"),
    IMPACT("Exfiltration and impact"),
    INITIAL_ACCESS("Initial access and hygiene");

    private final String title;

    Tactic(String title) {
        this.title = title;
    }

    /** The folder name, e.g. {@code credential-access}. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The heading, e.g. "Persistence and privilege escalation". */
    public String title() {
        return title;
    }

    static Optional<Tactic> ofFolder(String folder) {
        return Arrays.stream(values()).filter(t -> t.folder().equals(folder)).findFirst();
    }

    static List<String> folders() {
        return Arrays.stream(values()).map(Tactic::folder).toList();
    }
}
