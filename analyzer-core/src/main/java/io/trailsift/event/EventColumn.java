package io.trailsift.event;

import java.util.List;
import java.util.Locale;

/**
 * The columns of the {@code events} table, in storage order: the contract between the readers
 * and the store. Readers fill rows by this enum's ordinal, the store declares its feed's columns
 * and creates the table from it, so the three cannot drift apart.
 */
public enum EventColumn {
    EVENT_ID(Type.TEXT),
    EVENT_TIME(Type.TIMESTAMP),
    EVENT_SOURCE(Type.TEXT),
    EVENT_NAME(Type.TEXT),
    AWS_REGION(Type.TEXT),
    SOURCE_IP(Type.TEXT),
    USER_AGENT(Type.TEXT),
    EVENT_TYPE(Type.TEXT),
    EVENT_CATEGORY(Type.TEXT),
    READ_ONLY(Type.BOOLEAN),
    MANAGEMENT_EVENT(Type.BOOLEAN),
    ERROR_CODE(Type.TEXT),
    ERROR_MESSAGE(Type.TEXT),
    RECIPIENT_ACCOUNT_ID(Type.TEXT),
    SHARED_EVENT_ID(Type.TEXT),
    REQUEST_ID(Type.TEXT),
    VPC_ENDPOINT_ID(Type.TEXT),
    EVENT_VERSION(Type.TEXT),
    IDENTITY_TYPE(Type.TEXT),
    PRINCIPAL_ID(Type.TEXT),
    PRINCIPAL_ARN(Type.TEXT),
    ACCOUNT_ID(Type.TEXT),
    USER_NAME(Type.TEXT),
    ACCESS_KEY_ID(Type.TEXT),
    INVOKED_BY(Type.TEXT),
    SESSION_ISSUER_ARN(Type.TEXT),
    SESSION_ISSUER_TYPE(Type.TEXT),
    SESSION_CREATED_AT(Type.TIMESTAMP),
    MFA_AUTHENTICATED(Type.BOOLEAN),
    SOURCE_IDENTITY(Type.TEXT),
    CONSOLE_SESSION(Type.BOOLEAN),
    TARGET_USER_NAME(Type.TEXT),
    ROLE_ARN(Type.TEXT),
    ISSUED_ACCESS_KEY_ID(Type.TEXT),
    USER_IDENTITY(Type.JSON),
    REQUEST_PARAMETERS(Type.JSON, Compression.ZSTD),
    RESPONSE_ELEMENTS(Type.JSON, Compression.ZSTD),
    ADDITIONAL_EVENT_DATA(Type.JSON, Compression.ZSTD),
    RESOURCES(Type.JSON, Compression.ZSTD),
    SERVICE_EVENT_DETAILS(Type.JSON),
    TLS_DETAILS(Type.JSON),
    /** Top-level fields trailsift has no column for (addendum, insightDetails, ...), as one JSON object. */
    OTHER_FIELDS(Type.JSON),
    OBJECT_ID(Type.OBJECT_REF);

    /**
     * Storage kinds; the row block keeps text and JSON as UTF-8 bytes, times as epoch micros.
     * JSON is stored as VARCHAR: the text is sliced from a record the parser has just read, so it
     * is valid already, and DuckDB's JSON type would parse every value again on insert
     * (benchmarks/RESULTS.md). DuckDB's JSON functions take VARCHAR as they take JSON.
     */
    public enum Type {
        TEXT("VARCHAR"), JSON("VARCHAR"), TIMESTAMP("TIMESTAMP"), BOOLEAN("BOOLEAN"), OBJECT_REF("BIGINT");

        private final String sqlType;

        Type(String sqlType) {
            this.sqlType = sqlType;
        }

        public String sqlType() {
            return sqlType;
        }
    }

    private static final List<EventColumn> ALL = List.of(values());

    /**
     * How DuckDB compresses a column. Its default for text (dictionary and FSST, which compress
     * each string on its own with a small symbol table) suits identifiers and repetitive objects
     * (identity, TLS details); the large, varied request and response objects compress far
     * better with zstd over whole segments, which scans as fast (benchmarks/RESULTS.md). Zstd for
     * text needs a store in storage format v1.2 or later, which the store asks for when it
     * creates one.
     */
    public enum Compression {
        AUTO, ZSTD
    }

    private final Type type;
    private final Compression compression;
    /** Kept: writers ask for it once per value. */
    private final String sqlName;

    EventColumn(Type type) {
        this(type, Compression.AUTO);
    }

    EventColumn(Type type, Compression compression) {
        this.type = type;
        this.compression = compression;
        this.sqlName = name().toLowerCase(Locale.ROOT);
    }

    public Type type() {
        return type;
    }

    public Compression compression() {
        return compression;
    }

    /** The snake_case column name used in SQL. */
    public String sqlName() {
        return sqlName;
    }

    public static List<EventColumn> all() {
        return ALL;
    }
}
