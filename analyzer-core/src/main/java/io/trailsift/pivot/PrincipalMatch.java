package io.trailsift.pivot;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * What "a principal" means on the command line: a full ARN (a user, an assumed-role session, or a
 * role, which then matches all of its sessions) or a bare name (an IAM user name, a role name, or
 * a role session name).
 */
final class PrincipalMatch {
    /** Five placeholders, all bound to the same text by {@link #bind}. */
    static final String SQL = "(principal_arn = ? OR session_issuer_arn = ? OR user_name = ?"
            + " OR ends_with(principal_arn, '/' || ?) OR ends_with(session_issuer_arn, '/' || ?))";
    private static final int PLACEHOLDERS = 5;

    private PrincipalMatch() {
    }

    /** Binds the principal to the placeholders of {@link #SQL}; returns the next parameter index. */
    static int bind(PreparedStatement ps, int first, String principal) throws SQLException {
        for (int i = 0; i < PLACEHOLDERS; i++) {
            ps.setString(first + i, principal);
        }
        return first + PLACEHOLDERS;
    }
}
