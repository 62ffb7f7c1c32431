package io.trailsift.investigate;

import io.trailsift.store.EventStore;
import io.trailsift.store.SqlLists;

import java.util.Collection;
import java.util.List;

/** The changes a set of credentials made that containment has to undo, oldest first. */
final class ChangesToUndo {
    /** Calls that leave something behind: persistence, and logging or detection turned off. */
    static final List<String> EVENTS = List.of(
            "CreateUser", "CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile",
            "AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy", "PutUserPolicy", "PutRolePolicy",
            "PutGroupPolicy", "CreatePolicyVersion", "SetDefaultPolicyVersion", "UpdateAssumeRolePolicy",
            "CreateRole", "AddUserToGroup", "CreateSAMLProvider", "CreateOpenIDConnectProvider",
            "StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors", "DeleteDetector",
            "UpdateDetector", "DeleteFlowLogs", "DisableSecurityHub", "StopConfigurationRecorder",
            "DeleteConfigurationRecorder");

    private static final String SQL = """
            SELECT event_time, event_id, event_name, event_source,
                   coalesce(recipient_account_id, account_id) AS account_id, access_key_id,
                   request_parameters->>'$.userName' AS user_name, request_parameters->>'$.roleName' AS role_name,
                   request_parameters->>'$.groupName' AS group_name, request_parameters->>'$.policyArn' AS policy_arn,
                   request_parameters->>'$.policyName' AS policy_name, issued_access_key_id,
                   request_parameters->>'$.name' AS trail, request_parameters->>'$.detectorId' AS detector
            FROM events
            WHERE %s AND error_code IS NULL AND list_contains(?::VARCHAR[], event_name)
            ORDER BY event_time, event_id""";

    private ChangesToUndo() {
    }

    public static List<ChangeToUndo> madeBy(EventStore store, Collection<String> keys) {
        return store.sql().query(SQL.formatted(SqlLists.oneOf("access_key_id", keys.size())),
                r -> new ChangeToUndo(r.time("event_time").orElseThrow(), r.text("event_id"), r.text("event_name"),
                        r.text("event_source"), r.text("account_id"), r.text("access_key_id"), r.optionalText("user_name"),
                        r.optionalText("role_name"), r.optionalText("group_name"), r.optionalText("policy_arn"),
                        r.optionalText("policy_name"), r.optionalText("issued_access_key_id"), r.optionalText("trail"),
                        r.optionalText("detector")),
                keys, EVENTS);
    }
}
