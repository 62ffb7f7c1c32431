package io.trailsift.format;

/** What the content of one object turned out to be. */
public enum ObjectFormat {
    /** {@code {"Records":[...]}}, as CloudTrail delivers to S3 (also concatenated, Firehose style). */
    RECORDS_WRAPPER,
    /** A bare JSON array of records. */
    RECORD_ARRAY,
    /** One record per line (NDJSON), or records simply concatenated. */
    RECORD_STREAM,
    /** {@code aws cloudtrail lookup-events} output: records as strings in Events[].CloudTrailEvent. */
    LOOKUP_EVENTS,
    /** Valid or not, nothing trailsift recognises as events. */
    NOT_CLOUDTRAIL;

    public boolean holdsEvents() {
        return this != NOT_CLOUDTRAIL;
    }
}
