package io.trailsift.store;

/**
 * What a principal's and a credential's usual behaviour is made of, as SQL over {@code events}:
 * who acted (role sessions folded to their role, AWS services acting on their own left out),
 * from which network and with which kind of client. The derived tables that keep the baselines
 * ({@link DerivedTables.Table#BEHAVIOUR}, {@link DerivedTables.Table#SESSION_ORIGINS}) and the
 * rule helpers that read them use these same expressions, so a rule's "new for this principal"
 * means what the tables counted. Fixed text over column names only.
 */
public final class Baselines {
    /**
     * The events a principal made itself: not an {@code AWSService} identity, not a call a service
     * made on the principal's behalf ({@code invokedBy}, or a service host name as source, as
     * Athena reading S3 with the caller's credentials is logged).
     */
    public static final String ACTOR_FILTER = """
            coalesce(nullif(access_key_id, ''), principal_arn) IS NOT NULL
            AND coalesce(identity_type, '') <> 'AWSService' AND invoked_by IS NULL
            AND coalesce(source_ip, '') NOT LIKE '%.amazonaws.com'""";

    /** The credential that made a call: its access key, else (console, some service calls) its principal. */
    public static final String CREDENTIAL = "coalesce(nullif(access_key_id, ''), principal_arn)";

    /** The principal that habits are learnt for: the role behind a session, else the principal, else the key. */
    public static final String ACTOR = "coalesce(session_issuer_arn, principal_arn, nullif(access_key_id, ''))";

    private Baselines() {
    }

    /**
     * Each credential's first use, flattened from {@code session_origins} ({@code first_seen},
     * {@code source_ip}, {@code user_agent}, {@code vpc_endpoint_id}, {@code principal_arn}, with
     * {@code credential}, {@code actor}, {@code last_seen}, {@code events}), and who asked for it
     * ({@code issued_by}, {@code issued_at}; NULL when the logs do not hold the call). Fixed text
     * over the two relations given ({@link DerivedTables#relation}).
     */
    public static String sessionStarts(String origins, String credentialCalls) {
        return """
                SELECT o.credential, o.actor, o.first_use.event_time AS first_seen, o.first_use.source_ip AS source_ip,
                       o.first_use.user_agent AS user_agent, o.first_use.vpc_endpoint_id AS vpc_endpoint_id,
                       o.first_use.principal_arn AS principal_arn, o.last_seen, o.events, c.issued_by, c.issued_at
                FROM %s AS o LEFT JOIN (
                  SELECT issued_access_key_id, arg_min(issued_by, event_time) AS issued_by, min(event_time) AS issued_at
                  FROM %s AS cc WHERE issued_access_key_id IS NOT NULL GROUP BY 1) c ON c.issued_access_key_id = o.credential"""
                .formatted(origins, credentialCalls);
    }

    /**
     * The kind of client a user agent names: its tool and operating system, versions dropped, so
     * that a CLI upgrade is no new client while a Linux server's key used from a Mac is. Known
     * tools are looked for anywhere in the text (Terraform's agent starts with {@code APN/1.0
     * HashiCorp/1.0}); otherwise the first product token counts. Empty when the agent is NULL.
     */
    public static String clientFamily(String agent) {
        return """
                CASE WHEN %1$s IS NULL THEN NULL ELSE lower(
                  coalesce(nullif(regexp_extract(%1$s, '(?i)(terraform|aws-cli|boto3|botocore|aws-sdk-[a-z]+|aws-toolkit-[a-z-]+|cloudformation|pulumi|console)', 1), ''),
                           nullif(regexp_extract(%1$s, '^([A-Za-z][A-Za-z0-9_.-]*)', 1), ''), '?')
                  || ' ' ||
                  coalesce(nullif(regexp_extract(%1$s, '(?i)os/([a-z]+)', 1), ''),
                           nullif(regexp_extract(%1$s, '(?i)(darwin|macos|mac os|windows|linux|kali|android|iphone)', 1), ''), '?'))
                END""".formatted(agent);
    }

    /**
     * The network an address belongs to: its /24 for IPv4, its /64 for IPv6 (the groups before
     * {@code ::} padded with zeros: exact unless the address has fewer than four groups before the
     * gap and more than four after it, which real /64 prefixes do not), else the text itself
     * (a service name, {@code AWS Internal}).
     */
    public static String network(String ip) {
        return """
                CASE WHEN regexp_matches(%1$s, '^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$')
                       THEN regexp_extract(%1$s, '^([0-9]+\\.[0-9]+\\.[0-9]+)\\.', 1) || '.0/24'
                     WHEN contains(%1$s, ':')
                       THEN array_to_string(list_transform(list_slice(
                              string_split(split_part(lower(%1$s), '::', 1), ':') || ['0', '0', '0', '0'], 1, 4),
                              lambda g: coalesce(nullif(ltrim(g, '0'), ''), '0')), ':') || '::/64'
                     ELSE %1$s END""".formatted(ip);
    }
}
