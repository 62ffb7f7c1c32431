package io.trailsift.detect;

import io.trailsift.store.Baselines;
import io.trailsift.store.DerivedTables;
import io.trailsift.store.Sql;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Temporary SQL helpers every rule may use, created on the hunt's own session before the rules
 * run (temporary objects live in memory, so this works on a read-only store):
 * <ul>
 * <li>{@code known_accounts(account_id)}: every account id the logs show as caller or recipient:
 *     "foreign" means "not among these".</li>
 * <li>{@code policy_statements(doc)}: the statements of an IAM-style policy document (JSON or JSON
 *     text; a single statement object counts as a list of one; NULL when not valid JSON).</li>
 * <li>{@code allowed_principals(doc)}: the {@code Principal} values of its Allow statements, as text.</li>
 * <li>{@code account_ids(text)} / {@code foreign_accounts(text)}: 12-digit account ids in a text,
 *     all of them / those not in {@code known_accounts}.</li>
 * <li>{@code is_public(principals)}: the principals text grants {@code *} (anyone).</li>
 * <li>{@code allows_everything(doc)}: an Allow statement grants action {@code *} on resource {@code *}.</li>
 * <li>{@code actor_events}: the events a principal made itself (not AWS services acting on their own
 *     or on its behalf: {@code AWSService} identities, {@code invokedBy}, a service host name as
 *     source), with {@code credential} (the access key, else the principal ARN) and {@code actor}
 *     (the role behind a session, else the principal): habits are learnt per actor, bursts cut per credential.</li>
 * <li>The behaviour baselines, which ingest keeps in derived tables:
 *     {@code baseline(scope, subject, aspect, value, first_seen, last_seen, events)}: for each
 *     principal ({@code scope = 'principal'}, {@code subject} = the {@code actor}) and each
 *     credential ({@code 'credential'}, the {@code credential}), when it first and last used each
 *     value of each aspect: {@code api} (event source, colon, event name), {@code ip},
 *     {@code network} ({@code ip_network}), {@code client} ({@code client_family}), {@code region},
 *     {@code account} (the recipient account). {@code baseline_subjects(scope, subject,
 *     history_start, last_seen, events)}: each subject's history.</li>
 * <li>{@code first_time(scope, subject, aspect, value, t)}: the subject had not used the value
 *     before {@code t}; {@code has_history(scope, subject, t)}: the subject was seen at least
 *     {@link #MIN_HISTORY} before {@code t}; {@code is_new(...)}: both, "new for this principal"
 *     with a history to be new against. With {@code hunt --baseline-until T}, what came after T
 *     is never part of the baseline, so an attacker's first day does not teach the rules that
 *     the attacker's address is usual.</li>
 * <li>{@code session_starts}: for each credential, where it was first used ({@code first_seen},
 *     {@code source_ip}, {@code user_agent}, {@code vpc_endpoint_id}, {@code principal_arn}), its
 *     {@code actor}, and who asked for it ({@code issued_by}: the AWS service that assumed a role
 *     for its code, else the calling principal; {@code issued_at}); NULL issuer when the logs do
 *     not hold the call.</li>
 * <li>{@code ip_network(ip)}: the /24 (IPv4) or /64 (IPv6) of an address; {@code client_family(agent)}:
 *     a user agent's tool and operating system, versions dropped.</li>
 * <li>{@code actor_history(actor, first_seen)}: when the store first saw each actor.</li>
 * <li>{@code shared_addresses(account, source_ip)}: addresses three or more actors of one account
 *     call from habitually (over a day or more each): NAT gateways and proxies, where no single
 *     principal's use is telling. Habitually, so that the address an attacker uses with every
 *     identity they stole within hours does not count as shared.</li>
 * <li>{@code routine_calls(event_source, event_name)}: the successful such calls ({@code event_id},
 *     {@code actor}) whose principal (sessions folded to their role) had made the same call from
 *     the same source (an IP, or the service acting for it) on two earlier days, each a day or
 *     more before: a pipeline's habit, which rules fold into one finding per principal instead of
 *     one per call.</li>
 * <li>{@code inside_aws(source_ip, vpc_endpoint_id)}: the call came from inside AWS: a private
 *     address, an AWS service name or a VPC endpoint.</li>
 * <li>{@code call_target(request_parameters)}: the resource a call acts on, from the parameter most
 *     APIs name it by (bucket, secret, role, user, function, key, parameter), else ''.</li>
 * <li>{@code from_console(user_agent, console_session)}: the call was made by the AWS Management
 *     Console (which fans one click out into many API calls) rather than by a CLI, SDK or tool.</li>
 * <li>{@code call_bursts(sources, names)}: a table of the {@code actor_events} with one of these event
 *     sources and names (a list, or NULL for any), each with the {@code burst} it belongs to: a
 *     credential's such calls with less than five minutes between one and the next. Bursts are
 *     cut on each credential's five-minute slots (first and last call of each) rather than on
 *     every call: a pause of more than five minutes can only end before the first call of a slot,
 *     and sorting slots instead of calls keeps {@code call_bursts(NULL, NULL)} cheap on a large store.</li>
 * <li>The helpers compiled Sigma rules read JSON fields with: {@code sigma_expand(j)} (a JSON
 *     value as a list: an array's elements, else the value; NULL gives none),
 *     {@code sigma_step(list, path)} (the values at {@code path} under each, arrays fanned out: a
 *     field matches when any element does), {@code sigma_text(j)} (a value as Sigma compares it:
 *     a string's text, a number or boolean as written, an object or array as its compact JSON,
 *     JSON null as NULL) and {@code sigma_ipv4(text)} (an IPv4 address as a number, else NULL).</li>
 * </ul>
 * The statements are fixed text, never built from input.
 */
final class RuleHelpers {
    private static final String[] DEFINITIONS = {
        """
        CREATE OR REPLACE TEMP TABLE known_accounts AS
          SELECT account_id FROM events WHERE account_id IS NOT NULL
          UNION SELECT recipient_account_id FROM events WHERE recipient_account_id IS NOT NULL""",
        """
        CREATE OR REPLACE TEMP MACRO policy_statements(doc) AS CAST(CASE WHEN json_valid(doc) THEN
          CASE json_type(json(doc)->'$.Statement')
            WHEN 'ARRAY' THEN json_extract(json(doc), '$.Statement[*]')
            WHEN 'OBJECT' THEN [json(doc)->'$.Statement'] END END AS JSON[])""",
        """
        CREATE OR REPLACE TEMP MACRO allowed_principals(doc) AS array_to_string(list_transform(
          list_filter(policy_statements(doc), lambda st: (st->>'Effect') = 'Allow'),
          lambda st: coalesce(st->>'Principal', '')), ' ')""",
        """
        CREATE OR REPLACE TEMP MACRO account_ids(t) AS
          list_distinct(regexp_extract_all(t, '(?:^|[^0-9])([0-9]{12})(?:[^0-9]|$)', 1))""",
        """
        CREATE OR REPLACE TEMP MACRO foreign_accounts(t) AS
          (SELECT coalesce(list(a ORDER BY a), []) FROM unnest(account_ids(t)) u(a)
           WHERE a NOT IN (SELECT account_id FROM known_accounts))""",
        "CREATE OR REPLACE TEMP VIEW actor_events AS SELECT *, " + Baselines.CREDENTIAL + " AS credential, "
            + Baselines.ACTOR + " AS actor FROM events WHERE " + Baselines.ACTOR_FILTER,
        "CREATE OR REPLACE TEMP MACRO client_family(agent) AS " + Baselines.clientFamily("agent"),
        "CREATE OR REPLACE TEMP MACRO ip_network(ip) AS " + Baselines.network("ip"),
        """
        CREATE OR REPLACE TEMP MACRO call_bursts(sources, names) AS TABLE
          SELECT c.*, b.burst
          FROM actor_events c JOIN (
            SELECT credential, slot, credential || ' burst ' || sum(gap) OVER (PARTITION BY credential
                     ORDER BY slot ROWS UNBOUNDED PRECEDING) AS burst
            FROM (SELECT credential, slot, CASE WHEN first_time - lag(last_time) OVER (PARTITION BY credential ORDER BY slot)
                                                > INTERVAL 5 MINUTE THEN 1 ELSE 0 END AS gap
                  FROM (SELECT credential, time_bucket(INTERVAL 5 MINUTE, event_time) AS slot,
                               min(event_time) AS first_time, max(event_time) AS last_time
                        FROM actor_events
                        WHERE (sources IS NULL OR list_contains(sources, event_source))
                          AND (names IS NULL OR list_contains(names, event_name))
                        GROUP BY credential, slot))) b
            ON b.credential = c.credential AND b.slot IS NOT DISTINCT FROM time_bucket(INTERVAL 5 MINUTE, c.event_time)
          WHERE (sources IS NULL OR list_contains(sources, c.event_source))
            AND (names IS NULL OR list_contains(names, c.event_name))""",
        // The regexp costs seconds over every call of a large store; the contains() test before it
        // is cheap and true of every agent the regexp matches ("ole" and "internal" have no letter
        // that (?i) matches beyond its two cases, unlike "s", which it also matches as U+017F).
        """
        CREATE OR REPLACE TEMP MACRO from_console(agent, console_session) AS coalesce(console_session, false)
          OR CASE WHEN contains(lower(agent), 'ole') OR contains(lower(agent), 'internal')
                  THEN coalesce(regexp_matches(agent, '(?i)console|aws-internal|^AWS Internal$'), false) ELSE false END""",
        """
        CREATE OR REPLACE TEMP MACRO learnt_by(t) AS least(t, (SELECT until FROM baseline_window))""",
        """
        CREATE OR REPLACE TEMP MACRO known_before(sc, subj, asp, val, t) AS EXISTS (SELECT 1 FROM baseline b
          WHERE b.scope = sc AND b.subject = subj AND b.aspect = asp AND b.value = val AND b.first_seen < learnt_by(t))""",
        """
        CREATE OR REPLACE TEMP MACRO has_history(sc, subj, t) AS EXISTS (SELECT 1 FROM baseline_subjects h
          WHERE h.scope = sc AND h.subject = subj
            AND h.history_start <= learnt_by(t) - (SELECT min_history FROM baseline_window))""",
        """
        CREATE OR REPLACE TEMP MACRO is_new(sc, subj, asp, val, t) AS
          has_history(sc, subj, t) AND NOT known_before(sc, subj, asp, val, t)""",
        """
        CREATE OR REPLACE TEMP MACRO first_time(sc, subj, asp, val, t) AS NOT known_before(sc, subj, asp, val, t)""",
        "CREATE OR REPLACE TEMP MACRO routine_calls(src, name) AS TABLE\n" + RoutineCalls.BODY,
        """
        CREATE OR REPLACE TEMP MACRO inside_aws(ip, vpce) AS vpce IS NOT NULL
          OR regexp_matches(coalesce(ip, ''), '^(10\\.|192\\.168\\.|172\\.(1[6-9]|2[0-9]|3[01])\\.|fd|AWS Internal)|amazonaws\\.com$')""",
        """
        CREATE OR REPLACE TEMP MACRO call_target(p) AS coalesce(p->>'$.bucketName', p->>'$.secretId', p->>'$.roleArn',
          p->>'$.name', p->>'$.roleName', p->>'$.userName', p->>'$.functionName', p->>'$.keyId', '')""",
        """
        CREATE OR REPLACE TEMP MACRO is_public(p) AS coalesce(regexp_matches(p, '(^|\\s)\\*($|\\s)|"\\*"'), false)""",
        // Parsing every policy costs seconds on a large store. An Action of "*" (alone or in a list)
        // puts the characters "* in the document text, unless the JSON spells characters as
        // backslash-u escapes: documents with neither cannot allow everything and are not parsed.
        """
        CREATE OR REPLACE TEMP MACRO allows_everything(doc) AS CASE WHEN contains(doc, '"*') OR contains(doc, '\\u')
          THEN coalesce(len(list_filter(policy_statements(doc),
            lambda st: (st->>'Effect') = 'Allow'
              AND regexp_matches(coalesce(st->>'Action', ''), '^\\*$|"\\*"')
              AND regexp_matches(coalesce(st->>'Resource', ''), '^\\*$|"\\*"'))) > 0, false)
          ELSE false END""",
        """
        CREATE OR REPLACE TEMP MACRO sigma_expand(j) AS CASE WHEN j IS NULL THEN CAST([] AS JSON[])
          WHEN json_type(j) = 'ARRAY' THEN json_extract(j, '$[*]') ELSE [j] END""",
        """
        CREATE OR REPLACE TEMP MACRO sigma_step(js, path) AS
          flatten(list_transform(js, lambda x: sigma_expand(json_extract(x, path))))""",
        """
        CREATE OR REPLACE TEMP MACRO sigma_text(j) AS CASE json_type(j) WHEN 'VARCHAR' THEN j->>'$' WHEN 'NULL' THEN NULL
          WHEN 'OBJECT' THEN CAST(json(j) AS VARCHAR) WHEN 'ARRAY' THEN CAST(json(j) AS VARCHAR) ELSE CAST(j AS VARCHAR) END""",
        """
        CREATE OR REPLACE TEMP MACRO sigma_ipv4(a) AS CASE WHEN regexp_matches(a, '^[0-9]{1,3}(\\.[0-9]{1,3}){3}$') THEN
          CAST(split_part(a, '.', 1) AS BIGINT) * 16777216 + CAST(split_part(a, '.', 2) AS BIGINT) * 65536
          + CAST(split_part(a, '.', 3) AS BIGINT) * 256 + CAST(split_part(a, '.', 4) AS BIGINT) END""",
    };

    private RuleHelpers() {
    }

    /** The least history a principal needs before anything it does can be new for it. */
    static final Duration MIN_HISTORY = Duration.ofDays(7);

    /**
     * Creates the helpers on {@code session}, where they live until it is closed. {@code
     * baselineUntil}: learn habits only from what came before this time (default: from what came
     * before each event).
     */
    static void install(Sql session, Optional<Instant> baselineUntil) {
        session.execute("CREATE OR REPLACE TEMP TABLE baseline_window (until TIMESTAMP, min_history INTERVAL)");
        session.update("INSERT INTO baseline_window VALUES (?, to_seconds(?))", baselineUntil, MIN_HISTORY.toSeconds());
        // the relations are the derived tables' names, or their fixed SELECTs when they are stale
        session.execute("CREATE OR REPLACE TEMP VIEW baseline AS SELECT scope, subject, aspect, value, first_seen, "
                + "last_seen, events FROM " + DerivedTables.relation(session, DerivedTables.Table.BEHAVIOUR) + " AS b");
        session.execute("CREATE OR REPLACE TEMP VIEW session_starts AS " + Baselines.sessionStarts(
                DerivedTables.relation(session, DerivedTables.Table.SESSION_ORIGINS),
                DerivedTables.relation(session, DerivedTables.Table.CREDENTIAL_CALLS)));
        for (String sql : BaselineViews.DEFINITIONS) {
            session.execute(sql);
        }
        for (String sql : DEFINITIONS) {
            session.execute(sql);
        }
    }
}
