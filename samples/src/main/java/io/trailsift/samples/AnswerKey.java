package io.trailsift.samples;

import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.DigestSigner;
import io.trailsift.testkit.LogObject;
import io.trailsift.testkit.Times;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts a correct analysis of {@code sample-logs/} must reproduce, computed from what the
 * generator wrote (never typed by hand).
 *
 * @param eventsGenerated   unique events in the incident and its background
 * @param eventsStored      unique events a reader can recover from the files
 * @param eventsRead        records a reader parses: every readable record once per file, except that the
 *                          second download's objects are byte-identical copies, which a store that
 *                          remembers objects by SHA-256 skips unread (they are counted in
 *                          {@code secondDownloadRecords})
 * @param logObjects        CloudTrail log objects as delivered (before the mess)
 * @param files             every file under sample-logs/, README included
 * @param lost              records of the truncated object after the cut
 * @param unrecoverable     of those, the ones no other file repeats
 */
public record AnswerKey(int eventsGenerated, int eventsStored, int eventsRead, int logObjects, int files,
                        Map<String, Integer> objectsPerAccountRegion, String truncatedKey, int truncatedRecords,
                        int recovered, List<CloudTrailEvent> lost, List<CloudTrailEvent> unrecoverable,
                        String handUnzippedKey, int secondDownloadObjects, int secondDownloadRecords,
                        int lookupEvents, List<CredentialCount> credentials, List<SampleAttack.Backdoor> backdoors,
                        List<SampleAttack.Touched> dataRead, List<SampleAttack.Touched> resourcesMade,
                        List<DigestSigner.Digest> digests, String truncatedDigestKey) {

    /** A credential of the lineage with its event counts: all it made, and what survives in the files. */
    public record CredentialCount(SampleAttack.Credential credential, int generated, int stored, int fromAttackerIps) {
    }

    static AnswerKey compute(List<CloudTrailEvent> events, List<LogObject> objects, SampleAttack attack,
                             SampleLogs.Truncation cut, LogObject truncated, LogObject handUnzipped,
                             List<CloudTrailEvent> dumped, List<DigestSigner.Digest> digests) {
        List<CloudTrailEvent> lost = truncated.events().subList(cut.recovered(), truncated.events().size());
        Set<String> inDump = new HashSet<>();
        dumped.forEach(e -> inDump.add(e.eventId()));
        List<CloudTrailEvent> unrecoverable = lost.stream().filter(e -> !inDump.contains(e.eventId())).toList();
        Set<String> gone = new HashSet<>();
        unrecoverable.forEach(e -> gone.add(e.eventId()));

        int secondObjects = 0;
        int secondRecords = 0;
        for (LogObject o : objects) {
            if (o.account().equals(SampleAttack.WORKLOADS) && o.region().equals("eu-west-1")
                    && Times.dayFolders(o.delivered()).equals("2026/05/21")) {
                secondObjects++;
                secondRecords += o.events().size();
            }
        }
        int read = events.size() - lost.size() + dumped.size();

        List<CredentialCount> counts = new ArrayList<>();
        for (SampleAttack.Credential c : attack.lineage) {
            int generated = 0;
            int stored = 0;
            int attackerIps = 0;
            for (CloudTrailEvent e : events) {
                if (c.key().equals(e.identity().accessKeyId())) {
                    generated++;
                    stored += gone.contains(e.eventId()) ? 0 : 1;
                    attackerIps += SampleAttack.isAttackerIp(e.record()) ? 1 : 0;
                }
            }
            counts.add(new CredentialCount(c, generated, stored, attackerIps));
        }
        String truncatedDigest = digests.stream().filter(d -> new String(d.content(),
                java.nio.charset.StandardCharsets.UTF_8).contains(truncated.key())).map(DigestSigner.Digest::key)
                .findFirst().orElseThrow();
        // plus the lookup dump, the inventory manifest, the public keys, the newest digest's metadata,
        // README and answer-key.json
        int files = objects.size() + secondObjects + digests.size() + 6;
        Map<String, Integer> perAccountRegion = new LinkedHashMap<>(new java.util.TreeMap<>(
                SampleLogs.objectsPerAccountRegion(objects)));
        return new AnswerKey(events.size(), events.size() - unrecoverable.size(), read, objects.size(), files,
                perAccountRegion, truncated.key(), truncated.events().size(), cut.recovered(), lost, unrecoverable,
                handUnzipped.key().replaceAll("\\.gz$", ""), secondObjects, secondRecords, dumped.size(), counts,
                attack.backdoors, attack.dataRead, attack.resourcesMade, digests, truncatedDigest);
    }

    /** The numbers, one per line, as the generator prints them. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("events generated     ").append(eventsGenerated).append('\n');
        sb.append("events read          ").append(eventsRead).append('\n');
        sb.append("events stored        ").append(eventsStored).append('\n');
        sb.append("log objects          ").append(logObjects).append(" (").append(objectsPerAccountRegion).append(")\n");
        sb.append("files                ").append(files).append('\n');
        sb.append("truncated            ").append(truncatedKey).append(": ").append(recovered).append(" of ")
                .append(truncatedRecords).append(" records recoverable, ").append(unrecoverable.size())
                .append(" lost for good\n");
        for (CredentialCount c : credentials) {
            sb.append("credential           ").append(c.credential().key()).append(": ").append(c.generated())
                    .append(" events, ").append(c.stored()).append(" recoverable, ").append(c.fromAttackerIps())
                    .append(" from attacker IPs\n");
        }
        sb.append("digests              ").append(digests.size()).append('\n');
        return sb.toString();
    }
}
