package io.trailsift.detect;

import io.trailsift.store.Sql;

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
 * <li>{@code actor_history(actor, first_seen)}: when the store first saw each actor: "new for this
 *     principal" needs a history to be new against.</li>
 * <li>{@code shared_addresses(account, source_ip)}: addresses three or more actors of one account
 *     call from: NAT gateways and proxies, where no single principal's use is telling.</li>
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
        """
        CREATE OR REPLACE TEMP VIEW actor_events AS
          SELECT *, coalesce(nullif(access_key_id, ''), principal_arn) AS credential,
                 coalesce(session_issuer_arn, principal_arn, nullif(access_key_id, '')) AS actor
          FROM events
          WHERE coalesce(nullif(access_key_id, ''), principal_arn) IS NOT NULL
            AND coalesce(identity_type, '') <> 'AWSService' AND invoked_by IS NULL
            AND coalesce(source_ip, '') NOT LIKE '%.amazonaws.com'""",
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
        CREATE OR REPLACE TEMP VIEW actor_history AS
          SELECT actor, min(event_time) AS first_seen FROM actor_events GROUP BY actor""",
        """
        CREATE OR REPLACE TEMP VIEW shared_addresses AS
          SELECT recipient_account_id AS account, source_ip FROM actor_events
          WHERE source_ip IS NOT NULL GROUP BY ALL HAVING count(DISTINCT actor) >= 3""",
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
    };

    private RuleHelpers() {
    }

    /** Creates the helpers on {@code session}, where they live until it is closed. */
    static void install(Sql session) {
        for (String sql : DEFINITIONS) {
            session.execute(sql);
        }
    }
}
