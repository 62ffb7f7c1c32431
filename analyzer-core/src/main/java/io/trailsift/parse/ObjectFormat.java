package io.trailsift.parse;

/** What the JSON inside one object turned out to be. */
public enum ObjectFormat {
    /** {@code {"Records":[...]}}, as CloudTrail delivers to S3 (also concatenated, Firehose style). */
    RECORDS_WRAPPER,
    /** A bare JSON array of records. */
    RECORD_ARRAY,
    /** One record per line (NDJSON), or records simply concatenated. */
    RECORD_STREAM,
    /** {@code aws cloudtrail lookup-events} output: records as strings in Events[].CloudTrailEvent. */
    LOOKUP_EVENTS,
    /** A CloudTrail-Digest file: not events, {@code verify} reads it. */
    DIGEST,
    /** Valid or not, nothing trailsift recognises as CloudTrail. */
    NOT_CLOUDTRAIL;

    public boolean holdsEvents() {
        return this == RECORDS_WRAPPER || this == RECORD_ARRAY || this == RECORD_STREAM || this == LOOKUP_EVENTS;
    }
}
