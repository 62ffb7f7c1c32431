package io.trailsift.bench;

import io.trailsift.store.EventStore;
import io.trailsift.store.StoreOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The baseline trailsift must beat: DuckDB's own {@code read_json} loading the same objects into
 * a table with trailsift's columns (typed top-level and identity fields, nested objects kept as
 * JSON). Runs in its own JVM so its memory is measured alone. Usage: CORPUS_DIR DB_FILE.
 */
public final class ReadJsonBaseline {
    /** Nested objects declared JSON so DuckDB keeps them as text instead of inferring drifting STRUCTs. */
    private static final String RECORD_TYPE = "STRUCT(eventVersion VARCHAR, userIdentity JSON, eventTime VARCHAR, "
            + "eventSource VARCHAR, eventName VARCHAR, awsRegion VARCHAR, sourceIPAddress VARCHAR, userAgent VARCHAR, "
            + "errorCode VARCHAR, errorMessage VARCHAR, requestParameters JSON, responseElements JSON, "
            + "additionalEventData JSON, requestID VARCHAR, eventID VARCHAR, readOnly BOOLEAN, resources JSON, "
            + "eventType VARCHAR, managementEvent BOOLEAN, recipientAccountId VARCHAR, sharedEventID VARCHAR, "
            + "vpcEndpointId VARCHAR, eventCategory VARCHAR, serviceEventDetails JSON, tlsDetails JSON, "
            + "sessionCredentialFromConsole VARCHAR)[]";

    private static final String LOAD = """
            INSERT INTO events BY NAME
            SELECT r.eventID AS event_id, r.eventTime::TIMESTAMP AS event_time, r.eventSource AS event_source,
                   r.eventName AS event_name, r.awsRegion AS aws_region, r.sourceIPAddress AS source_ip,
                   r.userAgent AS user_agent, r.eventType AS event_type, r.eventCategory AS event_category,
                   r.readOnly AS read_only, r.managementEvent AS management_event, r.errorCode AS error_code,
                   r.errorMessage AS error_message, r.recipientAccountId AS recipient_account_id,
                   r.sharedEventID AS shared_event_id, r.requestID AS request_id, r.vpcEndpointId AS vpc_endpoint_id,
                   r.eventVersion AS event_version,
                   r.userIdentity->>'$.type' AS identity_type, r.userIdentity->>'$.principalId' AS principal_id,
                   r.userIdentity->>'$.arn' AS principal_arn, r.userIdentity->>'$.accountId' AS account_id,
                   r.userIdentity->>'$.userName' AS user_name, r.userIdentity->>'$.accessKeyId' AS access_key_id,
                   r.userIdentity->>'$.invokedBy' AS invoked_by,
                   r.userIdentity->>'$.sessionContext.sessionIssuer.arn' AS session_issuer_arn,
                   r.userIdentity->>'$.sessionContext.sessionIssuer.type' AS session_issuer_type,
                   (r.userIdentity->>'$.sessionContext.attributes.creationDate')::TIMESTAMP AS session_created_at,
                   (r.userIdentity->>'$.sessionContext.attributes.mfaAuthenticated')::BOOLEAN AS mfa_authenticated,
                   r.userIdentity->>'$.sessionContext.sourceIdentity' AS source_identity,
                   r.sessionCredentialFromConsole::BOOLEAN AS console_session,
                   r.requestParameters->>'$.userName' AS target_user_name,
                   r.requestParameters->>'$.roleArn' AS role_arn,
                   coalesce(r.responseElements->>'$.credentials.accessKeyId',
                            r.responseElements->>'$.accessKey.accessKeyId') AS issued_access_key_id,
                   r.userIdentity AS user_identity, r.requestParameters AS request_parameters,
                   r.responseElements AS response_elements, r.additionalEventData AS additional_event_data,
                   r.resources AS resources, r.serviceEventDetails AS service_event_details,
                   r.tlsDetails AS tls_details
            FROM (SELECT unnest(Records) AS r
                  FROM read_json(?, columns = {Records: '%s'}, format = 'auto',
                                 maximum_object_size = 1073741824))""".formatted(RECORD_TYPE);

    private ReadJsonBaseline() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        Path db = Path.of(args[1]);
        Files.deleteIfExists(db);
        long start = System.nanoTime();
        // Same file format and table as a trailsift store (so the same compression per column):
        // the comparison is between the two ways of filling it. Creating an empty store is
        // counted in the baseline's time, as it is in trailsift's.
        EventStore.open(db, StoreOptions.defaults()).close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
             Statement st = c.createStatement()) {
            st.execute("SET preserve_insertion_order = false");
            try (PreparedStatement load = c.prepareStatement(LOAD)) {
                load.setString(1, corpus.toAbsolutePath() + "/**/*.json.gz");
                load.execute();
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
                rs.next();
                System.out.println("rows=" + rs.getLong(1) + " seconds=" + (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
