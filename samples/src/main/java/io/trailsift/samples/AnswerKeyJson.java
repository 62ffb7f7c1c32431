package io.trailsift.samples;

import io.trailsift.testkit.DigestSigner;
import io.trailsift.testkit.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.trailsift.testkit.Json.obj;

/**
 * The answer key as JSON ({@code sample-logs/answer-key.json}), for tests and other tools: the
 * same facts as the README's tables, in fields a program reads instead of prose it would parse.
 */
final class AnswerKeyJson {
    static final String FILE = "answer-key.json";

    private AnswerKeyJson() {
    }

    static String render(AnswerKey k) {
        List<Object> credentials = new ArrayList<>();
        for (AnswerKey.CredentialCount c : k.credentials()) {
            SampleAttack.Credential cr = c.credential();
            credentials.add(obj("access_key_id", cr.key(), "kind", cr.kind(), "principal", cr.principal(),
                    "obtained_by", cr.obtainedBy(), "parent", cr.parent(),
                    // the call that issued it, as a lineage names it: the first word of "AssumeRole (cross-account)"
                    "via", cr.parent() == null ? null : cr.obtainedBy().split(" ")[0], "via_event_ids", cr.viaEventIds(),
                    "events_generated", c.generated(), "events_recoverable", c.stored(),
                    "events_from_attacker_ips", c.fromAttackerIps()));
        }
        List<Object> leftBehind = new ArrayList<>();
        for (SampleAttack.Backdoor b : k.backdoors()) {
            leftBehind.add(obj("what", b.what(), "event_name", b.eventName(), "event_id", b.eventId()));
        }
        List<DigestSigner.Digest> d = k.digests();
        Map<String, Object> key = obj(
                "stolen_access_key_id", SampleAttack.STOLEN_KEY,
                "events_generated", k.eventsGenerated(),
                "events_read", k.eventsRead(),
                "events_stored", k.eventsStored(),
                "log_objects", k.logObjects(),
                "files", k.files(),
                "truncated_object", obj("key", k.truncatedKey(), "records", k.truncatedRecords(),
                        "records_recovered", k.recovered(), "records_lost_for_good", k.unrecoverable().size()),
                "digests", obj("count", d.size(), "log_objects_listed", d.stream().mapToInt(DigestSigner.Digest::logFiles).sum()),
                "lineage", credentials,
                "left_behind", leftBehind,
                "data_read", touched(k.dataRead()),
                "resources_made", touched(k.resourcesMade()));
        return Json.pretty(key);
    }

    private static List<Object> touched(List<SampleAttack.Touched> list) {
        return list.stream().<Object>map(t -> obj("what", t.what(), "event_name", t.eventName(), "event_id", t.eventId()))
                .toList();
    }
}
