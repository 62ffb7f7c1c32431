package io.trailsift.pivot;

import java.util.Collections;
import java.util.List;

/**
 * What "a principal" means on the command line: a full ARN (a user, an assumed-role session, or a
 * role, which then matches all of its sessions) or a bare name (an IAM user name, a role name, or
 * a role session name).
 */
final class PrincipalMatch {
    /** Five placeholders, all bound to the same text ({@link #params}). */
    static final String SQL = "(principal_arn = ? OR session_issuer_arn = ? OR user_name = ?"
            + " OR ends_with(principal_arn, '/' || ?) OR ends_with(session_issuer_arn, '/' || ?))";
    private static final int PLACEHOLDERS = 5;

    private PrincipalMatch() {
    }

    /** The parameters of {@link #SQL} for this principal. */
    static List<Object> params(String principal) {
        return Collections.nCopies(PLACEHOLDERS, principal);
    }
}
