package io.trailsift.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] session for a test class, set up as LIBRARY-NOTES found quick and quiet on this machine. */
final class LocalSpark {
    private LocalSpark() {
    }

    static SparkSession start() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("trailsift-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }
}
