package io.trailsift.investigate;

import io.trailsift.lineage.KeyFilter;
import io.trailsift.store.EventStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The changes a set of credentials made that containment has to undo, oldest first. */
public final class IamChanges {
    /** Calls that leave something behind. */
    static final List<String> EVENTS = List.of(
            "CreateUser", "CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile",
            "AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy", "PutUserPolicy", "PutRolePolicy",
            "PutGroupPolicy", "CreatePolicyVersion", "SetDefaultPolicyVersion", "UpdateAssumeRolePolicy",
            "CreateRole", "AddUserToGroup", "CreateSAMLProvider", "CreateOpenIDConnectProvider",
            "StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors", "DeleteDetector",
            "UpdateDetector", "DeleteFlowLogs", "DisableSecurityHub", "StopConfigurationRecorder",
            "DeleteConfigurationRecorder");

    private static final String SQL = """
            SELECT event_time, event_id, event_name, event_source, coalesce(recipient_account_id, account_id),
                   access_key_id,
                   request_parameters->>'$.userName', request_parameters->>'$.roleName',
                   request_parameters->>'$.groupName', request_parameters->>'$.policyArn',
                   request_parameters->>'$.policyName', issued_access_key_id,
                   request_parameters->>'$.name', request_parameters->>'$.detectorId'
            FROM events
            WHERE %s AND error_code IS NULL AND list_contains(?::VARCHAR[], event_name)
            ORDER BY event_time, event_id""";

    private IamChanges() {
    }

    public static List<IamChange> madeBy(EventStore store, Collection<String> keys) throws SQLException {
        List<IamChange> out = new ArrayList<>();
        try (PreparedStatement ps = store.connection().prepareStatement(
                SQL.formatted(KeyFilter.on("access_key_id", keys.size())))) {
            ps.setArray(1, store.connection().createArrayOf("VARCHAR", keys.toArray()));
            ps.setArray(2, store.connection().createArrayOf("VARCHAR", EVENTS.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new IamChange(rs.getTimestamp(1).toLocalDateTime().toInstant(ZoneOffset.UTC),
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            opt(rs, 7), opt(rs, 8), opt(rs, 9), opt(rs, 10), opt(rs, 11), opt(rs, 12), opt(rs, 13),
                            opt(rs, 14)));
                }
            }
        }
        return out;
    }

    private static Optional<String> opt(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }
}
