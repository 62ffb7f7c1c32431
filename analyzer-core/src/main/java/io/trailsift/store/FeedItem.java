package io.trailsift.store;

import io.trailsift.event.RowBlock;

/** What travels on the feed from the parser threads to the writer. */
sealed interface FeedItem {
    /** The object's first rows follow: while it is not done, its path is listed as in progress. */
    record ObjectStarted(long objectId, String path) implements FeedItem {
    }

    /** Parsed rows. */
    record Block(RowBlock rows) implements FeedItem {
    }

    /** Every block of this object is ahead in the queue: its manifest row can go with them. */
    record ObjectDone(ObjectRecord record) implements FeedItem {
    }

    /** No more objects. */
    record End() implements FeedItem {
        static final End INSTANCE = new End();
    }
}
