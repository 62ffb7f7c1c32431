package io.trailsift.store;

/**
 * User agents as people read them. The AWS CLI and SDKs append metadata to every agent
 * ({@code md/command#iam.create-user}, {@code ua/2.0}, {@code cfg/retry-mode#...}), so one client
 * shows up as a dozen strings that differ only at the end. The client form keeps what tells
 * clients apart: the tool and its version, the OS (and a pentest distribution when named) and
 * the language runtime, e.g. {@code aws-cli/2.15.30 (linux, python 3.11)}. The whole string
 * stays in JSON, CSV and {@code --wide}: it is evidence, and an attacker chooses it.
 */
public enum UserAgents {
    WHOLE, CLIENT;

    /** SQL for how {@code column} is shown: the column itself, or its client form. */
    public String shown(String column) {
        return this == WHOLE ? column : CLIENT_FORM.formatted(column);
    }

    // %1$s is a column name of ours. The tool: a known client with its version, else the first word
    // (brackets and commas of the console's "[S3Console/0.4, aws-internal/3 ...]" removed).
    private static final String CLIENT_FORM = """
            (CASE WHEN %1$s IS NULL OR NOT contains(%1$s, ' ') THEN %1$s ELSE
              coalesce(nullif(regexp_extract(%1$s, '(?i)\\b((terraform|aws-cli|boto3|aws-sdk-[a-z0-9-]+|aws-toolkit-[a-z-]+|pulumi[a-z-]*|cloudformation|steampipe|scoutsuite|prowler|pacu)/[0-9][0-9a-z.-]*)', 1), ''),
                       nullif(regexp_extract(%1$s, '(?i)\\b((firefox|edg|chrome|safari)/[0-9]+)', 1), ''),
                       regexp_extract(%1$s, '^\\[?([^\\s,\\]]+)', 1))
              || coalesce(' (' || nullif(concat_ws(', ',
                   nullif(lower(coalesce(nullif(regexp_extract(%1$s, '(?i)\\b(kali|parrot|pentoo|blackarch)', 1), ''),
                                         nullif(regexp_extract(%1$s, '(?i)\\bos/([a-z]+)', 1), ''),
                                         regexp_extract(%1$s, '(?i)(windows|mac os x|linux|android|iphone|ipad)', 1))), ''),
                   nullif(lower(regexp_replace(regexp_extract(%1$s, '(?i)\\blang/([a-z]+#[0-9]+(\\.[0-9]+)?)', 1), '#', ' ')), '')), '') || ')', '')
            END)""";
}
